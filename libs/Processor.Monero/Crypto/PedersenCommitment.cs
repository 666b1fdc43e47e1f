using Processor.Crypto.Groups;

namespace Processor.Monero.Crypto;

/// <summary>RingCT's Pedersen commitments C = mask·G + amount·H (<see cref="MoneroGenerators.H"/>).</summary>
public static class PedersenCommitment
{
    /// <summary>mask·G + amount·H.</summary>
    public static EdwardsPoint Commit(Scalar mask, ulong amount)
    {
        using var value = MoneroScalars.FromUInt64(amount);
        return EdwardsPoint.MultiplyBase(mask).Add(MoneroGenerators.H.Multiply(value));
    }

    /// <summary>
    /// <c>zeroCommit</c>: G + amount·H, the commitment monerod assigns to a plaintext amount (coinbase and pre-RingCT
    /// outputs) when they are used as ring members.
    /// </summary>
    public static EdwardsPoint CommitWithUnitMask(ulong amount)
    {
        using var one = MoneroScalars.FromUInt64(1);
        return Commit(one, amount);
    }
}
