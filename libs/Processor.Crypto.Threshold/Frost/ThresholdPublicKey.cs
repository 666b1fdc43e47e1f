using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// The public side of a threshold key: the group public key, every participant's verifying share (<c>sk_i·G</c>, used to
/// check signature shares and blame a bad signer) and the threshold.
/// </summary>
public sealed class ThresholdPublicKey
{
    /// <summary>Creates the public key package.</summary>
    public ThresholdPublicKey(Point groupPublicKey, IReadOnlyDictionary<Identifier, Point> verifyingShares, int threshold)
    {
        if (groupPublicKey.IsIdentity || threshold < 1 || threshold > verifyingShares.Count)
        {
            throw new ArgumentException("Need a non-identity group key and 1 ≤ threshold ≤ participants.");
        }

        GroupPublicKey = groupPublicKey;
        VerifyingShares = verifyingShares.ToDictionary(p => p.Key, p => p.Value);
        Threshold = threshold;
    }

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group => GroupPublicKey.Group;

    /// <summary>The group's public key (before any <see cref="KeyOffset"/> or taproot tweak).</summary>
    public Point GroupPublicKey { get; }

    /// <summary>Every participant's verifying share by identifier.</summary>
    public IReadOnlyDictionary<Identifier, Point> VerifyingShares { get; }

    /// <summary>The minimum number of signers.</summary>
    public int Threshold { get; }

    /// <summary>The public side of <see cref="KeyShare.WithOffset"/>: group key and every verifying share plus <c>o·G</c>.</summary>
    public ThresholdPublicKey WithOffset(KeyOffset offset)
    {
        var map = KeyMap.Offset(GroupPublicKey, offset);
        return new ThresholdPublicKey(map.VerifyingKey, VerifyingShares.ToDictionary(p => p.Key, p => map.Apply(p.Value)), Threshold);
    }
}
