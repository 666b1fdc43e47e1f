using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Serai;
using ContractKind = Processor.Contracts.Common.V1.OutputKind;

namespace Processor.Reporter.Batches;

/// <summary>An External output whose data gave no instruction, why, and where its coins go back (empty when nowhere).</summary>
public sealed record RejectedInstruction(StoredOutput Output, InstructionRejection Reason, string Detail, byte[] RefundDestination);

/// <summary>What one block's outputs give a Batch: the instructions in output order, and the outputs without one.</summary>
public sealed record BlockInstructions(IReadOnlyList<InInstructionWithBalance> Instructions, IReadOnlyList<RejectedInstruction> Rejected)
{
    /// <summary>
    /// Reads every External output of <paramref name="outputs"/> (in the given order) as Serai A does (serai-chain-formats.md §3):
    /// a Raw shorthand gives its instruction with the output's balance; anything else is rejected and refunded as §9 decides:
    /// to the origin the shorthand carried when <paramref name="isPayable"/> accepts it, else to the scanner's presumed origin.
    /// </summary>
    public static BlockInstructions Of(IEnumerable<StoredOutput> outputs, Func<byte[], bool> isPayable)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(isPayable);
        var instructions = new List<InInstructionWithBalance>();
        var rejected = new List<RejectedInstruction>();
        foreach (var output in outputs.Where(o => o.Kind == (short)ContractKind.External))
        {
            if (output.InstructionError != (short)InstructionError.Unspecified)
            {
                // Only a scanner older than the 512-byte truncation sets it: its data is gone, so it cannot be decoded here.
                rejected.Add(new(output, InstructionRejection.Undecodable, "the scanner left out data over 512 bytes", output.Origin));
                continue;
            }

            if (output.Instruction.Length == 0)
            {
                rejected.Add(new(output, InstructionRejection.NoData, "the transaction carried no data", output.Origin));
                continue;
            }

            var decoding = Shorthand.Decode(output.Instruction);
            switch (decoding.Outcome)
            {
                case ShorthandOutcome.Instruction:
                    instructions.Add(new InInstructionWithBalance(
                        decoding.Instruction!, new Balance(CoinOf(output), new Amount(checked((ulong)output.Amount)))));
                    break;
                case ShorthandOutcome.Unsupported:
                    var origin = decoding.Origin?.ToArray();
                    rejected.Add(new(
                        output, InstructionRejection.UnsupportedShorthand, decoding.Reason!,
                        origin is not null && isPayable(origin) ? origin : output.Origin));
                    break;
                default:
                    rejected.Add(new(output, InstructionRejection.Undecodable, decoding.Reason!, output.Origin));
                    break;
            }
        }

        return new BlockInstructions(instructions, rejected);
    }

    private static Coin CoinOf(StoredOutput output) =>
        Processor.Serai.Contracts.ContractBatches.ToSerai((Processor.Contracts.Common.V1.Coin)output.Coin);
}
