using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>The opening of a Pedersen commitment mask·G + amount·H: what the prover of a range proof knows.</summary>
public sealed record CommitmentOpening(Scalar Mask, ulong Amount)
{
    /// <summary>The commitment mask·G + amount·H (as a transaction's outPk holds it).</summary>
    public EdwardsPoint Commitment => PedersenCommitment.Commit(Mask, Amount);
}
