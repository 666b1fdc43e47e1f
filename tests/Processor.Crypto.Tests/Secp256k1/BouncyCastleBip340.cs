using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using ECAlgorithms = Org.BouncyCastle.Math.EC.ECAlgorithms;

namespace Processor.Crypto.Tests.Secp256k1;

/// <summary>An independent, managed BIP340 (BouncyCastle point arithmetic) to cross-check the libsecp256k1 binding.</summary>
internal static class BouncyCastleBip340
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");

    public static BigInteger Order => Curve.N;

    public static byte[] TaggedHash(string tag, params byte[][] parts)
    {
        var tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. parts.SelectMany(p => p)]);
    }

    public static byte[] XOnly(byte[] secretKey) => ToBytes(Curve.G.Multiply(new BigInteger(1, secretKey)).Normalize().AffineXCoord.ToBigInteger());

    /// <summary>lift_x(key) + tweak·G, as (x-only, odd Y).</summary>
    public static (byte[] XOnly, bool OddY) Tweak(byte[] xOnlyKey, byte[] tweak)
    {
        var q = LiftX(xOnlyKey)!.Add(Curve.G.Multiply(new BigInteger(1, tweak))).Normalize();
        return (ToBytes(q.AffineXCoord.ToBigInteger()), q.AffineYCoord.ToBigInteger().TestBit(0));
    }

    public static bool Verify(byte[] signature, byte[] message, byte[] xOnlyKey)
    {
        var p = LiftX(xOnlyKey);
        var r = new BigInteger(1, signature[..32]);
        var s = new BigInteger(1, signature[32..]);
        if (p is null || r.CompareTo(Curve.Curve.Field.Characteristic) >= 0 || s.CompareTo(Curve.N) >= 0)
        {
            return false;
        }

        var e = new BigInteger(1, TaggedHash("BIP0340/challenge", signature[..32], xOnlyKey, message)).Mod(Curve.N);
        var point = ECAlgorithms.SumOfTwoMultiplies(Curve.G, s, p, Curve.N.Subtract(e)).Normalize();
        return !point.IsInfinity && !point.AffineYCoord.ToBigInteger().TestBit(0) && point.AffineXCoord.ToBigInteger().Equals(r);
    }

    private static Org.BouncyCastle.Math.EC.ECPoint? LiftX(byte[] xOnlyKey)
    {
        try
        {
            return Curve.Curve.DecodePoint([0x02, .. xOnlyKey]);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static byte[] ToBytes(BigInteger value) => value.ToByteArrayUnsigned() is var b && b.Length == 32 ? b : [.. new byte[32 - b.Length], .. b];
}
