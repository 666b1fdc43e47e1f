using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// FROST with BIP340 signatures over secp256k1, compatible with Zcash Foundation's <c>frost-secp256k1-tr</c>: RFC 9591's
/// flow and hashes with contextString <c>FROST-secp256k1-SHA256-TR-v1</c>, the challenge
/// <c>tagged_hash("BIP0340/challenge", x(R) ‖ x(PK) ‖ m)</c>, an even-Y verifying key (shares negated with it), nonces
/// negated when the group commitment R has odd Y, and 64-byte signatures <c>x(R) ‖ z</c> that verify with any BIP340
/// verifier (libsecp256k1 here).
/// </summary>
/// <remarks>
/// Key derivation order (<see cref="FrostCiphersuite.VerifyingKey"/>), chosen to match a Bitcoin address built for
/// <c>group key + offset·G</c>: (1) <c>P1 = P + o·G</c> (the taproot internal key is x(P1)); (2) negate if P1 has odd Y,
/// i.e. take lift_x(x(P1)); (3) with <see cref="AppliesTapTweak"/>, add <c>t·G</c> where
/// <c>t = hash_TapTweak(x(P1))</c> (BIP341 with no script path, BIP86), giving the output key Q; (4) negate again if Q has
/// odd Y, as BIP340 signing does. Every share undergoes the same affine map, so the same shares sign for every offset.
/// </remarks>
public sealed class TaprootCiphersuite : Secp256k1Ciphersuite
{
    private TaprootCiphersuite(bool appliesTapTweak)
        : base("FROST-secp256k1-SHA256-TR-v1") => AppliesTapTweak = appliesTapTweak;

    internal static TaprootCiphersuite KeyPathSpend { get; } = new(appliesTapTweak: true);

    internal static TaprootCiphersuite Untweaked { get; } = new(appliesTapTweak: false);

    /// <summary>Whether the BIP341 key-path tweak (no script path) is applied to the key.</summary>
    public bool AppliesTapTweak { get; }

    /// <inheritdoc/>
    public override int SignatureLength => Bip340.SignatureLength;

    private static Secp256k1Group Curve => Secp256k1Group.Instance;

    /// <summary>
    /// The taproot internal key for <paramref name="groupPublicKey"/> and <paramref name="offset"/>: x(P + o·G), the key a
    /// Bitcoin address commits to before the BIP341 tweak.
    /// </summary>
    public static byte[] InternalKey(Point groupPublicKey, KeyOffset? offset = null) =>
        Curve.XOnly(KeyMap.Offset(groupPublicKey, offset).VerifyingKey);

    /// <summary>BIP340 verification with libsecp256k1 under x(<paramref name="verifyingKey"/>).</summary>
    public override bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, Point verifyingKey) =>
        ReferenceEquals(verifyingKey.Group, Group) && !verifyingKey.IsIdentity
        && Bip340.Verify(signature, message, Curve.XOnly(verifyingKey));

    internal override Scalar Challenge(Point groupCommitment, Point verifyingKey, ReadOnlySpan<byte> message) =>
        Group.ReduceWide(Bip340.TaggedHash("BIP0340/challenge", [.. Curve.XOnly(groupCommitment), .. Curve.XOnly(verifyingKey), .. message]));

    internal override KeyMap DeriveKeyMap(Point groupPublicKey, KeyOffset? offset)
    {
        var map = KeyMap.Offset(groupPublicKey, offset).EvenY();
        if (AppliesTapTweak)
        {
            using var tweak = Group.DeserializeScalar(Taproot.Tweak(Curve.XOnly(map.VerifyingKey)));
            map = map.Add(tweak);
        }

        return map.EvenY();
    }

    internal override bool NegatesNonces(Point groupCommitment) => Curve.HasOddY(groupCommitment);

    internal override byte[] EncodeSignature(Point groupCommitment, Scalar z) => [.. Curve.XOnly(groupCommitment), .. z.Bytes];
}
