using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>
/// The Fiat–Shamir transcript of monerod's Bulletproofs+: a running scalar, started from the commitments times 1/8 and
/// updated as Hs(transcript ‖ points…) with the transmitted (already divided by 8) points.
/// </summary>
internal sealed class BulletproofPlusTranscript
{
    private Scalar _state;

    /// <param name="commitmentsInverseEight">The real (unpadded) commitments, each times 1/8.</param>
    public BulletproofPlusTranscript(IReadOnlyList<EdwardsPoint> commitmentsInverseEight)
    {
        var concatenated = commitmentsInverseEight.SelectMany(v => v.ToArray()).ToArray();
        _state = MoneroHash.HashToScalar(BulletproofPlusGenerators.Instance.TranscriptSeed, MoneroHash.HashToScalar(concatenated).Serialize());
    }

    /// <summary>y = Hs(t ‖ A) and z = Hs(y); the transcript continues from z.</summary>
    public (Scalar Y, Scalar Z) ChallengeYZ(EdwardsPoint a)
    {
        var y = MoneroHash.HashToScalar(_state.Serialize(), a.ToArray());
        _state = MoneroHash.HashToScalar(y.Serialize());
        return (y, _state);
    }

    /// <summary>Hs(t ‖ first ‖ second), which becomes the transcript: the round challenge (L, R) and the final one (A1, B).</summary>
    public Scalar Challenge(EdwardsPoint first, EdwardsPoint second)
    {
        _state = MoneroHash.HashToScalar(_state.Serialize(), first.ToArray(), second.ToArray());
        return _state;
    }
}
