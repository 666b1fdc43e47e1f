using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Scanning;

namespace Processor.Monero.Sending;

/// <summary>
/// An output we own and can spend: its one-time key P, its global amount-0 index (where rings find it), its amount and
/// commitment mask, and the key offset o with P = (b + o)·G for the wallet's spend secret b. Nothing here is the spend
/// secret itself, so signers that share b (threshold) can all hold it.
/// </summary>
public sealed record SpendableOutput(EdwardsPoint Key, ulong GlobalIndex, ulong Amount, Scalar CommitmentMask, Scalar KeyOffset)
{
    /// <summary>The output's commitment mask·G + amount·H.</summary>
    public EdwardsPoint Commitment => PedersenCommitment.Commit(CommitmentMask, Amount);

    /// <summary>What a view-key scan found.</summary>
    public static SpendableOutput From(ReceivedOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return new SpendableOutput(output.Key, output.GlobalIndex, output.Amount, output.CommitmentMask, output.KeyOffset);
    }
}
