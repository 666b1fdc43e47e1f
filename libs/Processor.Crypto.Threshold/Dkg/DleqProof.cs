using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A Chaum-Pedersen proof that two points have the same discrete logarithm: <c>X = x·G</c> and <c>S = x·P</c>. An accuser
/// uses it to reveal the Diffie-Hellman point it shares with a dealer (<c>S = x·E</c>, E the dealer's ephemeral key) and
/// prove it correct against its identity key X, so anyone can decrypt the disputed share. The challenge also covers a
/// caller context (the accusation's content), making the proof a signature of knowledge of x over it.
/// </summary>
internal sealed class DleqProof
{
    public const int Length = 64;

    private readonly byte[] _challenge;
    private readonly byte[] _response;

    private DleqProof(byte[] challenge, byte[] response)
    {
        _challenge = challenge;
        _response = response;
    }

    private static PrimeOrderGroup Group => IdentityKey.Group;

    /// <summary>Proves <c>log_G X = log_P S = x</c>: <c>k</c> random, <c>A1 = k·G</c>, <c>A2 = k·P</c>, <c>c = H(…)</c>, <c>z = k + c·x</c>.</summary>
    public static DleqProof Create(Scalar x, Point publicKey, Point basePoint, Point shared, ReadOnlySpan<byte> context)
    {
        using var k = Group.RandomScalar();
        using var c = Challenge(publicKey, basePoint, shared, Group.MultiplyGenerator(k), Group.Multiply(basePoint, k), context);
        using var product = c * x;
        using var z = k + product;
        return new DleqProof(c.Serialize(), z.Serialize());
    }

    /// <summary>Whether <c>log_G <paramref name="publicKey"/> = log_<paramref name="basePoint"/> <paramref name="shared"/></c>.</summary>
    public bool Verify(Point publicKey, Point basePoint, Point shared, ReadOnlySpan<byte> context)
    {
        try
        {
            using var c = Group.DeserializeScalar(_challenge);
            using var z = Group.DeserializeScalar(_response);
            var a1 = Group.MultiplyGenerator(z) - Group.MultiplyPublic(publicKey, c);
            var a2 = Group.MultiplyPublic(basePoint, z) - Group.MultiplyPublic(shared, c);
            if (a1.IsIdentity || a2.IsIdentity)
            {
                return false;
            }

            using var expected = Challenge(publicKey, basePoint, shared, a1, a2, context);
            return expected.EqualsConstantTime(c);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public byte[] Serialize() => [.. _challenge, .. _response];

    public static DleqProof Deserialize(ReadOnlySpan<byte> bytes) => bytes.Length == Length
        ? new DleqProof(bytes[..32].ToArray(), bytes[32..].ToArray())
        : throw new FormatException($"A DLEQ proof has {Length} bytes.");

    private static Scalar Challenge(Point publicKey, Point basePoint, Point shared, Point a1, Point a2, ReadOnlySpan<byte> context) =>
        Group.ReduceWide(SHA512.HashData(
        [
            .. Encoding.ASCII.GetBytes("Processor DKG v1 DLEQ"), .. publicKey.Serialize(), .. basePoint.Serialize(), .. shared.Serialize(),
            .. a1.Serialize(), .. a2.Serialize(), .. context,
        ]));
}
