using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Sending;

/// <summary>
/// What signing one input needs besides the spend key: the ring and the real member's position, the key image, the
/// pseudo-out and its mask, and the two scalars public to the signers: the key offset o (the input's secret is b + o)
/// and the mask difference z (input mask − pseudo-out mask, which the CLSAG's commitment term proves).
/// </summary>
public sealed record InputSigningData(SpendableOutput Spent, Ring Ring, EdwardsPoint KeyImage, Scalar PseudoOutMask)
{
    /// <summary>The ring members.</summary>
    public IReadOnlyList<RingMember> Members => Ring.Members;

    /// <summary>The real member's position in the ring.</summary>
    public int RealIndex => Ring.RealIndex;

    /// <summary>o: the input's secret key is the spend secret plus this.</summary>
    public Scalar KeyOffset => Spent.KeyOffset;

    /// <summary>The pseudo-out commitment PseudoOutMask·G + amount·H.</summary>
    public EdwardsPoint PseudoOut => PedersenCommitment.Commit(PseudoOutMask, Spent.Amount);

    /// <summary>z = the input's commitment mask − the pseudo-out mask.</summary>
    public Scalar MaskDifference => Spent.CommitmentMask - PseudoOutMask;
}
