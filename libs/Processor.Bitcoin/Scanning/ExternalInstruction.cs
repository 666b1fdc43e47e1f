using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Scanning;

/// <summary>What <see cref="ExternalInstruction.Find"/> found in a transaction.</summary>
public enum InstructionStatus
{
    /// <summary>No OP_RETURN output ends with a data push: the deposit carries no instruction.</summary>
    None,

    /// <summary>An instruction of at most <see cref="ExternalInstruction.MaxLength"/> bytes.</summary>
    Found,

    /// <summary>The data (all of it, in <see cref="ExternalInstruction.Data"/>) is longer than <see cref="ExternalInstruction.MaxLength"/> bytes; it is not used.</summary>
    TooLong,
}

/// <summary>
/// The instruction a deposit to an External address carries: the last data push of the first OP_RETURN output of the
/// same transaction whose last instruction is a push (as Serai's Bitcoin scanner reads it). OP_RETURN outputs that end
/// with an opcode, whose pushes run past the script's end or are not minimal are passed over.
/// </summary>
public readonly record struct ExternalInstruction(InstructionStatus Status, ReadOnlyMemory<byte> Data, int OutputIndex, string? Reason)
{
    /// <summary>Serai's MAX_DATA_LEN.</summary>
    public const int MaxLength = 512;

    public static ExternalInstruction Find(Transaction transaction)
    {
        var outputs = transaction.Outputs;
        for (var i = 0; i < outputs.Length; i++)
        {
            var script = outputs[i].ScriptPubKey;
            if (script.IsEmpty || script.Span[0] != ScriptPubKeys.OpReturn || !ScriptPushes.TryGetLastPush(script.Span, 1, out var range))
            {
                continue;
            }

            var data = script[range];
            return data.Length <= MaxLength
                ? new ExternalInstruction(InstructionStatus.Found, data, i, null)
                : new ExternalInstruction(
                    InstructionStatus.TooLong, data, i,
                    $"the OP_RETURN data of output {i} is {data.Length} bytes, more than the {MaxLength}-byte limit of an instruction");
        }

        return new ExternalInstruction(InstructionStatus.None, ReadOnlyMemory<byte>.Empty, -1, null);
    }
}
