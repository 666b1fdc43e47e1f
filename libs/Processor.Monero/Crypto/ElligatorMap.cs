using System.Numerics;

namespace Processor.Monero.Crypto;

/// <summary>
/// Monero's <c>ge_fromfe_frombytes_vartime</c> in BigInteger arithmetic modulo p = 2²⁵⁵ − 19. Only the y coordinate and
/// the sign of x are needed for the compressed encoding, so the square root that Monero computes for x is only used to
/// decide which of its branches applies. Runs about a millisecond; it is the one BigInteger path among the primitives.
/// </summary>
internal static class ElligatorMap
{
    private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
    private static readonly BigInteger A = 486662;
    private static readonly BigInteger ASquared = A * A % P;
    private static readonly BigInteger RootExponent = (P - 5) / 8;

    public static EdwardsPoint Map(ReadOnlySpan<byte> fieldBytes)
    {
        if (fieldBytes.Length != 32)
        {
            throw new ArgumentException("Monero's map to a point takes 32 bytes.", nameof(fieldBytes));
        }

        // Unlike fe_frombytes, this inlined decoding keeps bit 255.
        var u = new BigInteger(fieldBytes, isUnsigned: true, isBigEndian: false) % P;
        var v = 2 * u * u % P;
        var w = (v + 1) % P;
        var x = Mod(w * w - ASquared * v);

        // r = w·x³·(w·x⁷)^((p−5)/8): a square root of w/x when one exists (possibly up to a factor √−1).
        var x3 = x * x % P * x % P;
        var x7 = x3 * x3 % P * x % P;
        var r = w * x3 % P * BigInteger.ModPow(w * x7 % P, RootExponent, P) % P;
        var rSquaredX = r * r % P * x % P;

        // w/x or −w/x is a square: the point comes from z = −A·v with x even; otherwise from z = −A with x odd.
        var isSquareCase = Mod(w - rSquaredX).IsZero || Mod(w + rSquaredX).IsZero;
        var z = isSquareCase ? Mod(-A * v) : Mod(-A);
        var y = Mod(z - w) * BigInteger.ModPow(Mod(z + w), P - 2, P) % P;

        var encoding = new byte[32];
        y.TryWriteBytes(encoding, out _, isUnsigned: true, isBigEndian: false);
        if (!isSquareCase)
        {
            encoding[31] |= 0x80;
        }

        return EdwardsPoint.FromCanonicalEncoding(encoding);
    }

    private static BigInteger Mod(BigInteger value)
    {
        var reduced = value % P;
        return reduced.Sign < 0 ? reduced + P : reduced;
    }
}
