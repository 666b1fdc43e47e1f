using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A participant's long-term identity key on ristretto255: it signs every ceremony message the participant sends (so a
/// relaying coordinator cannot forge or alter them, and a participant cannot frame another) and is the static half of the
/// key agreement that encrypts secret shares to their recipient. Holds a secret: dispose it.
/// </summary>
public sealed class IdentityKey : IDisposable
{
    private readonly Scalar _secret;

    private IdentityKey(Scalar secret)
    {
        _secret = secret;
        PublicKey = Group.MultiplyGenerator(secret);
    }

    /// <summary>The group of identity keys.</summary>
    public static PrimeOrderGroup Group => Ristretto255Group.Instance;

    /// <summary>The public key registered with the other participants.</summary>
    public Point PublicKey { get; }

    /// <summary>A fresh random key.</summary>
    public static IdentityKey Generate() => new(Group.RandomScalar());

    /// <summary>A key from its stored secret (a canonical non-zero ristretto255 scalar).</summary>
    public static IdentityKey FromSecret(ReadOnlySpan<byte> secret)
    {
        var scalar = Group.DeserializeScalar(secret);
        if (scalar.IsZero)
        {
            scalar.Dispose();
            throw new FormatException("An identity key cannot be zero.");
        }

        return new IdentityKey(scalar);
    }

    /// <summary>The secret, e.g. to store it encrypted. The caller must clear the returned array.</summary>
    public byte[] ExportSecret() => _secret.Serialize();

    /// <summary>Zeroes the secret.</summary>
    public void Dispose() => _secret.Dispose();

    /// <summary>The public key only.</summary>
    public override string ToString() => $"DKG identity key {PublicKey}";

    /// <summary>A Schnorr signature <c>R ‖ z</c> of <paramref name="message"/>, <c>c = H(R ‖ X ‖ m)</c>, with a deterministic nonce.</summary>
    internal byte[] Sign(ReadOnlySpan<byte> message)
    {
        using var nonce = DeterministicScalar.Nonce(Group, "Processor DKG v1 identity signature nonce", _secret, message);
        var r = Group.MultiplyGenerator(nonce);
        using var challenge = SignatureChallenge(r, PublicKey, message);
        using var product = challenge * _secret;
        using var z = nonce + product;
        return [.. r.Serialize(), .. z.Serialize()];
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="publicKey"/>'s signature of <paramref name="message"/>.</summary>
    internal static bool Verify(Point publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != SignatureLength)
        {
            return false;
        }

        try
        {
            var r = Group.DeserializeElement(signature[..32]);
            using var z = Group.DeserializeScalar(signature[32..]);
            using var challenge = SignatureChallenge(r, publicKey, message);
            return Group.MultiplyGenerator(z) == r + Group.MultiplyPublic(publicKey, challenge);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The domain of <see cref="ProveAgreement"/>'s proofs.</summary>
    internal const string AgreementProofDomain = "Processor DKG v1 DLEQ";

    /// <summary>Length of a signature.</summary>
    internal const int SignatureLength = 64;

    /// <summary>The Diffie-Hellman point <c>x·P</c> with this key's secret (constant-time).</summary>
    internal Point Agree(Point peer) => Group.Multiply(peer, _secret);

    /// <summary>Proves that <paramref name="shared"/> is <c>x·<paramref name="peer"/></c> for this key's x.</summary>
    internal DleqProof ProveAgreement(Point peer, Point shared, ReadOnlySpan<byte> context) =>
        DleqProof.Create(AgreementProofDomain, _secret, PublicKey, peer, shared, context);

    private static Scalar SignatureChallenge(Point r, Point publicKey, ReadOnlySpan<byte> message) =>
        Group.ReduceWide(SHA512.HashData([.. Encoding.ASCII.GetBytes("Processor DKG v1 identity signature"), .. r.Serialize(), .. publicKey.Serialize(), .. message]));
}
