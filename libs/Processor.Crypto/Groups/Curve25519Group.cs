using System.Numerics;
using Processor.Crypto.Sodium;

namespace Processor.Crypto.Groups;

/// <summary>
/// The scalar field shared by <see cref="Ristretto255Group"/> and <see cref="Ed25519Group"/>: integers modulo
/// l = 2²⁵² + 27742317777372353535851937790883648493, 32 little-endian bytes, through libsodium's constant-time scalar
/// functions (its ristretto255 and Ed25519 scalar functions are the same code). The two groups differ only in their points.
/// </summary>
public abstract unsafe class Curve25519Group : PrimeOrderGroup
{
    private static readonly byte[] OrderBytes = Convert.FromHexString("EDD3F55C1A631258D69CF7A2DEF9DE1400000000000000000000000000000010");

    private protected Curve25519Group() => SodiumNative.Initialize();

    /// <inheritdoc/>
    public override int ScalarLength => 32;

    /// <inheritdoc/>
    public override int ElementLength => 32;

    /// <inheritdoc/>
    public override BigInteger Order { get; } = new(OrderBytes, isUnsigned: true, isBigEndian: false);

    /// <inheritdoc/>
    protected override bool ScalarsAreBigEndian => false;

    /// <inheritdoc/>
    public override Scalar RandomScalar()
    {
        var bytes = new byte[32];
        fixed (byte* r = bytes)
        {
            SodiumNative.ScalarRandom(r);
        }

        return new Scalar(this, bytes);
    }

    /// <inheritdoc/>
    public override Scalar ReduceWide(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 64)
        {
            throw new ArgumentException($"{Name} reduces at most 64 bytes.", nameof(bytes));
        }

        Span<byte> wide = stackalloc byte[64];
        wide.Clear();
        bytes.CopyTo(wide);
        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* w = wide)
        {
            SodiumNative.ScalarReduce(r, w);
        }

        wide.Clear();
        return new Scalar(this, result);
    }

    /// <inheritdoc/>
    public override Scalar Add(Scalar a, Scalar b) => Binary(a, b, &SodiumNativeAdd);

    /// <inheritdoc/>
    public override Scalar Subtract(Scalar a, Scalar b) => Binary(a, b, &SodiumNativeSub);

    /// <inheritdoc/>
    public override Scalar Multiply(Scalar a, Scalar b) => Binary(a, b, &SodiumNativeMul);

    /// <inheritdoc/>
    public override Scalar Negate(Scalar a)
    {
        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* s = Own(a).Bytes)
        {
            SodiumNative.ScalarNegate(r, s);
        }

        return new Scalar(this, result);
    }

    /// <summary>The inverse of a non-zero scalar (constant-time, unlike <see cref="PrimeOrderGroup.InvertPublic"/>).</summary>
    public Scalar Invert(Scalar a)
    {
        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* s = Own(a).Bytes)
        {
            return SodiumNative.ScalarInvert(r, s) == 0 ? new Scalar(this, result) : throw new DivideByZeroException("Zero has no inverse.");
        }
    }

    /// <inheritdoc/>
    private protected override bool IsCanonicalScalar(ReadOnlySpan<byte> bytes) => IsBelow(bytes, OrderBytes, bigEndian: false);

    private Scalar Binary(Scalar a, Scalar b, delegate*<byte*, byte*, byte*, void> operation)
    {
        var result = new byte[32];
        fixed (byte* z = result)
        fixed (byte* x = Own(a).Bytes)
        fixed (byte* y = Own(b).Bytes)
        {
            operation(z, x, y);
        }

        return new Scalar(this, result);
    }

    private static void SodiumNativeAdd(byte* z, byte* x, byte* y) => SodiumNative.ScalarAdd(z, x, y);

    private static void SodiumNativeSub(byte* z, byte* x, byte* y) => SodiumNative.ScalarSub(z, x, y);

    private static void SodiumNativeMul(byte* z, byte* x, byte* y) => SodiumNative.ScalarMul(z, x, y);
}
