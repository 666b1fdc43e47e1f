using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// An element of GF(2^255 − 19) in five 51-bit limbs. Operations keep every limb below 2^52 so products fit in
/// 128 bits. Used only by the variable-time multi-scalar multiplication, which libsodium does not offer: its
/// point API takes and returns compressed points, so each addition would cost a square root and an inversion.
/// </summary>
internal readonly struct FieldElement : IEquatable<FieldElement>
{
    private const ulong Mask51 = (1UL << 51) - 1;

    private static readonly BigInteger Prime = (BigInteger.One << 255) - 19;

    private readonly ulong _l0, _l1, _l2, _l3, _l4;

    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
        _l4 = l4;
    }

    public static FieldElement Zero => default;

    public static FieldElement One { get; } = new(1, 0, 0, 0, 0);

    /// <summary>The curve constant d = −121665/121666.</summary>
    public static FieldElement EdwardsD { get; } = FromBigInteger(
        (Prime - 121665) * BigInteger.ModPow(121666, Prime - 2, Prime) % Prime);

    public static FieldElement EdwardsD2 { get; } = EdwardsD + EdwardsD;

    /// <summary>A square root of −1, 2^((p−1)/4).</summary>
    public static FieldElement SqrtMinusOne { get; } = FromBigInteger(BigInteger.ModPow(2, (Prime - 1) / 4, Prime));

    public bool IsZero => ToBytes().AsSpan().IndexOfAnyExcept((byte)0) < 0;

    /// <summary>Whether the canonical value is odd (the "negative" sign of an Ed25519 x coordinate).</summary>
    public bool IsOdd => (ToBytes()[0] & 1) == 1;

    /// <summary>Reads 32 little-endian bytes, ignoring bit 255 (the caller's sign bit), as ref10 does.</summary>
    public static FieldElement FromBytes(ReadOnlySpan<byte> bytes)
    {
        var w0 = BitConverter.ToUInt64(bytes[..8]);
        var w1 = BitConverter.ToUInt64(bytes[8..16]);
        var w2 = BitConverter.ToUInt64(bytes[16..24]);
        var w3 = BitConverter.ToUInt64(bytes[24..32]);
        return new FieldElement(
            w0 & Mask51,
            ((w0 >> 51) | (w1 << 13)) & Mask51,
            ((w1 >> 38) | (w2 << 26)) & Mask51,
            ((w2 >> 25) | (w3 << 39)) & Mask51,
            (w3 >> 12) & Mask51);
    }

    /// <summary>The canonical (fully reduced) 32-byte little-endian encoding.</summary>
    public byte[] ToBytes()
    {
        var reduced = Carry(_l0, _l1, _l2, _l3, _l4);
        ulong l0 = reduced._l0, l1 = reduced._l1, l2 = reduced._l2, l3 = reduced._l3, l4 = reduced._l4;

        // q is 1 exactly when the value is at least p: then adding 19 carries out of bit 255.
        var q = (l0 + 19) >> 51;
        q = (l1 + q) >> 51;
        q = (l2 + q) >> 51;
        q = (l3 + q) >> 51;
        q = (l4 + q) >> 51;
        l0 += 19 * q;
        l1 += l0 >> 51;
        l0 &= Mask51;
        l2 += l1 >> 51;
        l1 &= Mask51;
        l3 += l2 >> 51;
        l2 &= Mask51;
        l4 += l3 >> 51;
        l3 &= Mask51;
        l4 &= Mask51;

        var bytes = new byte[32];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 8), l0 | (l1 << 51));
        BitConverter.TryWriteBytes(bytes.AsSpan(8, 8), (l1 >> 13) | (l2 << 38));
        BitConverter.TryWriteBytes(bytes.AsSpan(16, 8), (l2 >> 26) | (l3 << 25));
        BitConverter.TryWriteBytes(bytes.AsSpan(24, 8), (l3 >> 39) | (l4 << 12));
        return bytes;
    }

    public static FieldElement operator +(in FieldElement a, in FieldElement b) =>
        Carry(a._l0 + b._l0, a._l1 + b._l1, a._l2 + b._l2, a._l3 + b._l3, a._l4 + b._l4);

    /// <summary>a − b computed as a + 4p − b, which keeps every limb positive for limbs below 2^52.</summary>
    public static FieldElement operator -(in FieldElement a, in FieldElement b) =>
        Carry(
            a._l0 + 0x1FFFFFFFFFFFB4 - b._l0,
            a._l1 + 0x1FFFFFFFFFFFFC - b._l1,
            a._l2 + 0x1FFFFFFFFFFFFC - b._l2,
            a._l3 + 0x1FFFFFFFFFFFFC - b._l3,
            a._l4 + 0x1FFFFFFFFFFFFC - b._l4);

    public static FieldElement operator -(FieldElement a) => Zero - a;

    public static FieldElement operator *(in FieldElement a, in FieldElement b) =>
        Multiply(a._l0, a._l1, a._l2, a._l3, a._l4, b);

    /// <summary>(a + b)·c without carrying the sum: a product's first factor may have limbs up to 2^53.</summary>
    public static FieldElement SumTimes(in FieldElement a, in FieldElement b, in FieldElement c) =>
        Multiply(a._l0 + b._l0, a._l1 + b._l1, a._l2 + b._l2, a._l3 + b._l3, a._l4 + b._l4, c);

    /// <summary>(a − b)·c as (a + 2p − b)·c without carrying the difference (limbs below 2^53, see <see cref="SumTimes"/>).</summary>
    public static FieldElement DifferenceTimes(in FieldElement a, in FieldElement b, in FieldElement c) =>
        Multiply(
            a._l0 + 0xFFFFFFFFFFFDA - b._l0,
            a._l1 + 0xFFFFFFFFFFFFE - b._l1,
            a._l2 + 0xFFFFFFFFFFFFE - b._l2,
            a._l3 + 0xFFFFFFFFFFFFE - b._l3,
            a._l4 + 0xFFFFFFFFFFFFE - b._l4,
            c);

    public FieldElement Square()
    {
        ulong a0 = _l0, a1 = _l1, a2 = _l2, a3 = _l3, a4 = _l4;
        ulong s0 = a0 << LimbSum.Shift, s1 = a1 << LimbSum.Shift, s2 = a2 << LimbSum.Shift, s3 = a3 << LimbSum.Shift, s4 = a4 << LimbSum.Shift;
        ulong a0x2 = a0 * 2, a1x2 = a1 * 2;

        var c0 = LimbSum.Product(a0, s0) + ((LimbSum.Product(a1x2, s4) + LimbSum.Product(a2 * 2, s3)) * 19);
        var c1 = LimbSum.Product(a0x2, s1) + ((LimbSum.Product(a2 * 2, s4) + LimbSum.Product(a3, s3)) * 19);
        var c2 = LimbSum.Product(a0x2, s2) + LimbSum.Product(a1, s1) + (LimbSum.Product(a3 * 2, s4) * 19);
        var c3 = LimbSum.Product(a0x2, s3) + LimbSum.Product(a1x2, s2) + (LimbSum.Product(a4, s4) * 19);
        var c4 = LimbSum.Product(a0x2, s4) + LimbSum.Product(a1x2, s3) + LimbSum.Product(a2, s2);
        return Reduce(c0, c1, c2, c3, c4);
    }

    /// <summary>(a0 … a4)·b for a's limbs below 2^53 and b's below 2^52 (the six arguments travel in registers).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FieldElement Multiply(ulong a0, ulong a1, ulong a2, ulong a3, ulong a4, in FieldElement b)
    {
        ulong b0 = b._l0 << LimbSum.Shift, b1 = b._l1 << LimbSum.Shift, b2 = b._l2 << LimbSum.Shift, b3 = b._l3 << LimbSum.Shift, b4 = b._l4 << LimbSum.Shift;

        // Products past limb 4 wrap around times 19 (2^255 = 19 mod p); the factor is applied to their sum.
        var c0 = LimbSum.Product(a0, b0) + ((LimbSum.Product(a1, b4) + LimbSum.Product(a2, b3) + LimbSum.Product(a3, b2) + LimbSum.Product(a4, b1)) * 19);
        var c1 = LimbSum.Product(a0, b1) + LimbSum.Product(a1, b0) + ((LimbSum.Product(a2, b4) + LimbSum.Product(a3, b3) + LimbSum.Product(a4, b2)) * 19);
        var c2 = LimbSum.Product(a0, b2) + LimbSum.Product(a1, b1) + LimbSum.Product(a2, b0) + ((LimbSum.Product(a3, b4) + LimbSum.Product(a4, b3)) * 19);
        var c3 = LimbSum.Product(a0, b3) + LimbSum.Product(a1, b2) + LimbSum.Product(a2, b1) + LimbSum.Product(a3, b0) + (LimbSum.Product(a4, b4) * 19);
        var c4 = LimbSum.Product(a0, b4) + LimbSum.Product(a1, b3) + LimbSum.Product(a2, b2) + LimbSum.Product(a3, b1) + LimbSum.Product(a4, b0);
        return Reduce(c0, c1, c2, c3, c4);
    }

    public FieldElement Invert()
    {
        var (z11, z2_250_1) = Pow2_250_1();
        return z2_250_1.SquareTimes(5) * z11;
    }

    /// <summary>this^((p−5)/8), the exponent of the combined square root and inversion.</summary>
    public FieldElement Pow2_252_3() => Pow2_250_1().Result.SquareTimes(2) * this;

    public bool Equals(FieldElement other) => ToBytes().AsSpan().SequenceEqual(other.ToBytes());

    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(ToBytes(), 0);

    public static bool operator ==(FieldElement a, FieldElement b) => a.Equals(b);

    public static bool operator !=(FieldElement a, FieldElement b) => !a.Equals(b);

    /// <summary>
    /// Carries the column sums c_k = Low_k + High_k·2^52 back to 51-bit limbs. Column 4 holds no product times 19, so
    /// its carry is below 2^59 and the carry times 19 (wrapping into limb 0) fits in 64 bits.
    /// </summary>
    private static FieldElement Reduce(in LimbSum c0, in LimbSum c1, in LimbSum c2, in LimbSum c3, in LimbSum c4)
    {
        var r0 = c0.Low & Mask51;
        var t1 = c1.Low + (c0.Low >> 51) + (c0.High << 1);
        var r1 = t1 & Mask51;
        var t2 = c2.Low + (t1 >> 51) + (c1.High << 1);
        var r2 = t2 & Mask51;
        var t3 = c3.Low + (t2 >> 51) + (c2.High << 1);
        var r3 = t3 & Mask51;
        var t4 = c4.Low + (t3 >> 51) + (c3.High << 1);
        var r4 = t4 & Mask51;
        r0 += ((t4 >> 51) + (c4.High << 1)) * 19;
        r1 += r0 >> 51;
        return new FieldElement(r0 & Mask51, r1, r2, r3, r4);
    }

    private static FieldElement Carry(ulong l0, ulong l1, ulong l2, ulong l3, ulong l4)
    {
        l1 += l0 >> 51;
        l0 &= Mask51;
        l2 += l1 >> 51;
        l1 &= Mask51;
        l3 += l2 >> 51;
        l2 &= Mask51;
        l4 += l3 >> 51;
        l3 &= Mask51;
        l0 += 19 * (l4 >> 51);
        l4 &= Mask51;
        return new FieldElement(l0, l1, l2, l3, l4);
    }

    private static FieldElement FromBigInteger(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return FromBytes(bytes);
    }

    private FieldElement SquareTimes(int count)
    {
        var result = this;
        for (var i = 0; i < count; i++)
        {
            result = result.Square();
        }

        return result;
    }

    /// <summary>The shared addition chain of inversion and square root: (this^11, this^(2^250 − 1)).</summary>
    private (FieldElement Z11, FieldElement Result) Pow2_250_1()
    {
        var z2 = Square();
        var z9 = z2.SquareTimes(2) * this;
        var z11 = z9 * z2;
        var z2_5_0 = z11.Square() * z9;
        var z2_10_0 = z2_5_0.SquareTimes(5) * z2_5_0;
        var z2_20_0 = z2_10_0.SquareTimes(10) * z2_10_0;
        var z2_40_0 = z2_20_0.SquareTimes(20) * z2_20_0;
        var z2_50_0 = z2_40_0.SquareTimes(10) * z2_10_0;
        var z2_100_0 = z2_50_0.SquareTimes(50) * z2_50_0;
        var z2_200_0 = z2_100_0.SquareTimes(100) * z2_100_0;
        var z2_250_0 = z2_200_0.SquareTimes(50) * z2_50_0;
        return (z11, z2_250_0);
    }
}

/// <summary>
/// A sum of limb products a·b as Low + High·2^52, with Low = Σ (a·b mod 2^52) and High = Σ ⌊a·b / 2^52⌋, so that
/// columns add with plain 64-bit additions. The JIT turns 128-bit additions into compare-and-set sequences and passes
/// <see cref="Math.BigMul(ulong, ulong, out ulong)"/>'s low half through memory; here b comes pre-shifted by 12 bits,
/// so MULX's high half of a·(b·2^12) is High and the ordinary product's top 52 bits are Low, both in registers.
/// Bounds, for limbs below 2^52 (which every operation of <see cref="FieldElement"/> keeps): a column of five
/// products, four of them times 19, has Low and High below 2^60.
/// </summary>
internal readonly struct LimbSum
{
    /// <summary>The pre-shift of the second factor: 52 − 64 + 12 puts High at bit 52 of the product.</summary>
    public const int Shift = 12;

    private LimbSum(ulong low, ulong high)
    {
        Low = low;
        High = high;
    }

    public ulong Low { get; }

    public ulong High { get; }

    /// <summary>a·b for a below 2^53 and <paramref name="shiftedB"/> = b·2^12 with b below 2^52.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LimbSum Product(ulong a, ulong shiftedB)
    {
        ulong high, low;
        if (Bmi2.X64.IsSupported)
        {
            high = Bmi2.X64.MultiplyNoFlags(a, shiftedB);
            low = a * shiftedB;
        }
        else
        {
            high = Math.BigMul(a, shiftedB, out low);
        }

        return new LimbSum(low >> Shift, high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LimbSum operator +(LimbSum a, LimbSum b) => new(a.Low + b.Low, a.High + b.High);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LimbSum operator *(LimbSum a, ulong factor) => new(a.Low * factor, a.High * factor);
}
