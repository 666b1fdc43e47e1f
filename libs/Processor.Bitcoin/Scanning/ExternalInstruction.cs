using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Scanning;

/// <summary>What <see cref="ExternalInstruction.Find"/> found in a transaction.</summary>
public enum InstructionStatus
{
    /// <summary>No OP_RETURN output ends with a data push: the deposit carries no instruction.</summary>
    None,

    /// <summary>Data, cut to its first <see cref="ExternalInstruction.MaxLength"/> bytes.</summary>
    Found,
}

/// <summary>
/// The instruction a deposit to an External address carries: the last data push of the first OP_RETURN output of the
/// same transaction whose last instruction is a push (as Serai's Bitcoin scanner reads it). OP_RETURN outputs that end
/// with an opcode, whose pushes run past the script's end or are not minimal are passed over. Longer data is truncated to
/// its first 512 bytes, as Serai A does before decoding it (serai-chain-formats.md §9), so a Shorthand that fits is still read.
/// </summary>
public readonly record struct ExternalInstruction(InstructionStatus Status, ReadOnlyMemory<byte> Data, int OutputIndex)
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
            return new ExternalInstruction(InstructionStatus.Found, data[..Math.Min(data.Length, MaxLength)], i);
        }

        return new ExternalInstruction(InstructionStatus.None, ReadOnlyMemory<byte>.Empty, -1);
    }
}
