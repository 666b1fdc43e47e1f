using Processor.Crypto.Groups;

namespace Processor.Crypto.Sr25519;

/// <summary>
/// sr25519 (schnorrkel) Schnorr signatures over ristretto255 with Merlin challenges, as Substrate chains and Serai verify them
/// (schnorrkel's <c>verify_simple</c>). Signatures are <c>R ‖ s</c> with bit 7 of the last byte set as schnorrkel's marker.
/// Public values only: nothing here handles a secret.
/// </summary>
public static class Sr25519
{
    /// <summary>Length of a public key: a compressed ristretto255 element.</summary>
    public const int PublicKeyLength = 32;

    /// <summary>Length of a signature: R, then s with the marker bit.</summary>
    public const int SignatureLength = 64;

    /// <summary>The marker schnorrkel sets in the last signature byte (s &lt; 2^253 leaves that bit free).</summary>
    internal const byte MarkerBit = 0x80;

    /// <summary>The signing context Substrate (and Serai's Batch signatures) use.</summary>
    public static ReadOnlySpan<byte> SubstrateContext => "substrate"u8;

    private static Ristretto255Group Group => Ristretto255Group.Instance;

    /// <summary>
    /// schnorrkel's challenge <c>k</c> for public key A and nonce R (their 32-byte encodings) over <paramref name="message"/>
    /// in <paramref name="context"/>: Merlin transcript "SigningContext" with the context, "sign-bytes", "proto-name"
    /// "Schnorr-sig", "sign:pk", "sign:R", then 64 challenge bytes "sign:c" reduced little-endian modulo l.
    /// </summary>
    public static Scalar Challenge(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> r, ReadOnlySpan<byte> message, ReadOnlySpan<byte> context)
    {
        var transcript = new MerlinTranscript("SigningContext"u8);
        transcript.AppendMessage(""u8, context);
        transcript.AppendMessage("sign-bytes"u8, message);
        transcript.AppendMessage("proto-name"u8, "Schnorr-sig"u8);
        transcript.AppendMessage("sign:pk"u8, publicKey);
        transcript.AppendMessage("sign:R"u8, r);
        Span<byte> challenge = stackalloc byte[64];
        transcript.ChallengeBytes("sign:c"u8, challenge);
        return Group.ReduceWide(challenge);
    }

    /// <summary>Whether <paramref name="signature"/> is a valid sr25519 signature of <paramref name="message"/> in the "substrate" context.</summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        Verify(publicKey, message, signature, SubstrateContext);

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid sr25519 signature of <paramref name="message"/> in
    /// <paramref name="context"/> under <paramref name="publicKey"/>, as schnorrkel's <c>verify_simple</c> decides: the marker
    /// bit is set, s (marker cleared) is below l, the key is a canonical ristretto255 encoding, and <c>s·B − k·A</c> encodes
    /// to exactly R. Unlike schnorrkel, the identity public key is refused (anyone can sign for it; @scure/sr25519 refuses it too).
    /// Malformed input of any length is invalid, never an exception.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, ReadOnlySpan<byte> context)
    {
        if (publicKey.Length != PublicKeyLength || signature.Length != SignatureLength || (signature[^1] & MarkerBit) == 0)
        {
            return false;
        }

        Span<byte> sBytes = stackalloc byte[32];
        signature[32..].CopyTo(sBytes);
        sBytes[^1] &= unchecked((byte)~MarkerBit);
        Point a;
        Scalar s;
        try
        {
            a = Group.DeserializeElement(publicKey);
            s = Group.DeserializeScalar(sBytes);
        }
        catch (FormatException)
        {
            return false;
        }

        var r = signature[..32];
        using (s)
        using (var k = Challenge(publicKey, r, message, context))
        using (var minusK = -k)
        {
            // R is compared as bytes, as schnorrkel does: a non-canonical R can never match the computed encoding.
            var expected = Group.MultiplyGenerator(s) + Group.MultiplyPublic(a, minusK);
            return expected.IsIdentity ? !r.ContainsAnyExcept((byte)0) : r.SequenceEqual(expected.Encoded);
        }
    }
}
