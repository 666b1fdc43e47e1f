using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// The affine map <c>s ↦ ±s + a</c> that turns the group key's shares into shares of the key actually signed for
/// (offset, even-Y, taproot tweak), applied alike to secret shares, verifying shares (<c>±Y + a·G</c>) and the group key.
/// Lagrange coefficients sum to one, so mapped shares interpolate to the mapped key. All values are public.
/// </summary>
internal sealed record KeyMap(bool Negate, Scalar Addend, Point VerifyingKey)
{
    public static KeyMap Offset(Point groupPublicKey, KeyOffset? offset)
    {
        var group = groupPublicKey.Group;
        var addend = offset is null ? group.ScalarFromInteger(0) : offset.Value.Copy();
        if (offset is not null && !ReferenceEquals(offset.Group, group))
        {
            throw new ArgumentException("The offset belongs to another group.", nameof(offset));
        }

        var key = groupPublicKey + group.MultiplyGenerator(addend);
        return key.IsIdentity
            ? throw new ArgumentException("The offset cancels the group key.", nameof(offset))
            : new KeyMap(false, addend, key);
    }

    /// <summary>Negates the whole map when the key has odd Y (secp256k1 only).</summary>
    public KeyMap EvenY() => Secp256k1Group.Instance.HasOddY(VerifyingKey) ? new KeyMap(!Negate, -Addend, -VerifyingKey) : this;

    /// <summary>Adds <paramref name="tweak"/> to the key and every share.</summary>
    public KeyMap Add(Scalar tweak) => new(Negate, Addend + tweak, VerifyingKey + VerifyingKey.Group.MultiplyGenerator(tweak));

    /// <summary>The mapped secret share (constant-time; the caller disposes it).</summary>
    public Scalar Apply(Scalar share)
    {
        using var signed = Negate ? -share : share.Copy();
        return signed + Addend;
    }

    /// <summary>The mapped verifying share.</summary>
    public Point Apply(Point verifyingShare) => (Negate ? -verifyingShare : verifyingShare) + verifyingShare.Group.MultiplyGenerator(Addend);
}
