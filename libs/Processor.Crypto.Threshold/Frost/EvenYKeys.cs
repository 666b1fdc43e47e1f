using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// Bitcoin group keys are kept with an even Y coordinate: then the 32-byte x-only key that addresses and events carry
/// identifies the key exactly (<c>lift_x(x(P)) = P</c>), so an address built from the x-only key (plus a per-kind offset)
/// is the one the shares sign for. A key generated with an odd Y is negated once, at key generation: negating every
/// share negates the group key and every verifying share, and any t of the negated shares still sign for it.
/// </summary>
public static class EvenYKeys
{
    private static Secp256k1Group Curve => Secp256k1Group.Instance;

    /// <summary>Whether the (secp256k1) group key must be negated to be even-Y.</summary>
    public static bool IsOdd(Point groupPublicKey) =>
        ReferenceEquals(groupPublicKey.Group, Curve)
            ? Curve.HasOddY(groupPublicKey)
            : throw new ArgumentException("Only secp256k1 keys have a Y parity to normalize.", nameof(groupPublicKey));

    /// <summary>A copy of <paramref name="share"/> for the even-Y group key (negated if the group key has odd Y).</summary>
    public static KeyShare Normalize(KeyShare share)
    {
        if (!IsOdd(share.GroupPublicKey))
        {
            return new KeyShare(share.Identifier, share.SigningShare, share.GroupPublicKey, share.Threshold);
        }

        using var negated = -share.SigningShare;
        return new KeyShare(share.Identifier, negated, -share.GroupPublicKey, share.Threshold);
    }

    /// <summary><paramref name="key"/> for the even-Y group key (every point negated if the group key has odd Y).</summary>
    public static ThresholdPublicKey Normalize(ThresholdPublicKey key) =>
        IsOdd(key.GroupPublicKey)
            ? new ThresholdPublicKey(-key.GroupPublicKey, key.VerifyingShares.ToDictionary(p => p.Key, p => -p.Value), key.Threshold)
            : key;
}
