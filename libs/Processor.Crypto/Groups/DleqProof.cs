using System.Security.Cryptography;
using System.Text;

namespace Processor.Crypto.Groups;

/// <summary>
/// A Chaum-Pedersen proof that two points have the same discrete logarithm: <c>X = x·G</c> and <c>S = x·P</c>. The
/// DKG's accuser proves its Diffie-Hellman point with it; threshold CLSAG proves that a nonce or key share was committed
/// on both G and the key-image generator. The challenge covers a domain, naming the protocol, and a caller context,
/// making the proof a signature of knowledge of x over that context.
/// </summary>
public sealed class DleqProof
{
    private readonly byte[] _challenge;
    private readonly byte[] _response;

    private DleqProof(byte[] challenge, byte[] response)
    {
        _challenge = challenge;
        _response = response;
    }

    /// <summary>The length of a serialized proof in <paramref name="group"/>: two scalars.</summary>
    public static int Length(PrimeOrderGroup group) => 2 * group.ScalarLength;

    /// <summary>
    /// Proves <c>log_G X = log_P S = x</c> under <paramref name="domain"/>: <c>k</c> random, <c>A1 = k·G</c>,
    /// <c>A2 = k·P</c>, <c>c = H(…)</c>, <c>z = k + c·x</c>.
    /// </summary>
    public static DleqProof Create(string domain, Scalar x, Point publicKey, Point basePoint, Point shared, ReadOnlySpan<byte> context)
    {
        var group = x.Group;
        using var k = group.RandomScalar();
        using var c = Challenge(domain, publicKey, basePoint, shared, group.MultiplyGenerator(k), group.Multiply(basePoint, k), context);
        using var product = c * x;
        using var z = k + product;
        return new DleqProof(c.Serialize(), z.Serialize());
    }

    /// <summary>Whether <c>log_G <paramref name="publicKey"/> = log_<paramref name="basePoint"/> <paramref name="shared"/></c> under <paramref name="domain"/>.</summary>
    public bool Verify(string domain, Point publicKey, Point basePoint, Point shared, ReadOnlySpan<byte> context)
    {
        var group = publicKey.Group;
        if (!group.TryDeserializeScalar(_challenge, out var c) || !group.TryDeserializeScalar(_response, out var z))
        {
            return false;
        }

        using (c)
        using (z)
        {
            var a1 = group.MultiplyGenerator(z) - group.MultiplyPublic(publicKey, c);
            var a2 = group.MultiplyPublic(basePoint, z) - group.MultiplyPublic(shared, c);
            if (a1.IsIdentity || a2.IsIdentity)
            {
                return false;
            }

            using var expected = Challenge(domain, publicKey, basePoint, shared, a1, a2, context);
            return expected.EqualsConstantTime(c);
        }
    }

    /// <summary>The challenge and the response, each a serialized scalar.</summary>
    public byte[] Serialize() => [.. _challenge, .. _response];

    /// <summary>A proof from <see cref="Serialize"/>'s bytes; throws <see cref="FormatException"/> for the wrong length (scalars are checked by <see cref="Verify"/>).</summary>
    public static DleqProof Deserialize(PrimeOrderGroup group, ReadOnlySpan<byte> bytes) => bytes.Length == Length(group)
        ? new DleqProof(bytes[..group.ScalarLength].ToArray(), bytes[group.ScalarLength..].ToArray())
        : throw new FormatException($"A {group.Name} DLEQ proof has {Length(group)} bytes, got {bytes.Length}.");

    private static Scalar Challenge(string domain, Point publicKey, Point basePoint, Point shared, Point a1, Point a2, ReadOnlySpan<byte> context) =>
        publicKey.Group.ReduceWide(SHA512.HashData(
        [
            .. Encoding.ASCII.GetBytes(domain), .. publicKey.Serialize(), .. basePoint.Serialize(), .. shared.Serialize(),
            .. a1.Serialize(), .. a2.Serialize(), .. context,
        ]));
}
