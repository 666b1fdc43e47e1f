using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Multisig;

/// <summary>
/// What every signer of a threshold-owned input knows, all public to the signers: the ring, the real member, the key
/// offset o with P = B + o·G (Hs(8·a·R ‖ i), plus a subaddress scalar), and the opening of the real commitment (the view
/// key decrypts it). The secret x = b + o is never whole anywhere.
/// </summary>
public sealed class MultisigInput
{
    /// <summary>Checks the ring size, the real index and the commitment opening (the key against the group key is checked when signing starts).</summary>
    public MultisigInput(IReadOnlyList<RingMember> ring, int realIndex, Scalar keyOffset, Scalar commitmentMask, ulong amount)
    {
        ArgumentNullException.ThrowIfNull(keyOffset);
        RealMemberChecks.Check(ring, realIndex, commitmentMask, amount);
        Ring = [.. ring];
        RealIndex = realIndex;
        KeyOffset = keyOffset.Copy();
        CommitmentMask = commitmentMask.Copy();
        Amount = amount;
        KeyImageGenerator = MoneroHash.HashToPoint(ring[realIndex].Key.Encoding).ToGroupElement();
    }

    /// <summary>The ring, in the order of the transaction's key offsets.</summary>
    public IReadOnlyList<RingMember> Ring { get; }

    /// <summary>The position of the spent output in <see cref="Ring"/>.</summary>
    public int RealIndex { get; }

    /// <summary>o: the spent output's key is the group key plus o·G.</summary>
    public Scalar KeyOffset { get; }

    /// <summary>The mask of the spent output's commitment.</summary>
    public Scalar CommitmentMask { get; }

    /// <summary>The spent output's amount.</summary>
    public ulong Amount { get; }

    /// <summary>Hp(P) of the real output key P (a point of the prime-order subgroup: Hp clears the cofactor).</summary>
    public Point KeyImageGenerator { get; }

    /// <summary>The real output key P.</summary>
    public EdwardsPoint OutputKey => Ring[RealIndex].Key;
}
