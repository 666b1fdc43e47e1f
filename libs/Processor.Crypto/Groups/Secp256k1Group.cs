using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Processor.Crypto.Secp256k1;
using Native = Processor.Crypto.Secp256k1.Secp256k1Native;

namespace Processor.Crypto.Groups;

/// <summary>
/// secp256k1 through libsecp256k1: scalars are 32 big-endian bytes (arithmetic with <c>ec_seckey_*</c>), elements are
/// 33-byte compressed points (<c>ec_pubkey_*</c>). The library has no identity point and rejects zero scalars, so both
/// are handled here before calling it. <see cref="Multiply"/> is constant-time (<c>secp256k1_ecdh</c>);
/// <see cref="MultiplyPublic"/> uses the faster variable-time <c>ec_pubkey_tweak_mul</c>.
/// </summary>
public sealed unsafe class Secp256k1Group : PrimeOrderGroup
{
    private static readonly byte[] OrderBytes = Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");

    private readonly byte[] _twoPow128 = new byte[32];

    private Secp256k1Group()
    {
        _twoPow128[15] = 1;
        Generator = DeserializeElement(Convert.FromHexString("0279BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"));
    }

    /// <summary>The group.</summary>
    public static Secp256k1Group Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "secp256k1";

    /// <inheritdoc/>
    public override int ScalarLength => 32;

    /// <inheritdoc/>
    public override int ElementLength => 33;

    /// <inheritdoc/>
    public override BigInteger Order { get; } = BigInteger.Parse("0" + Convert.ToHexString(OrderBytes), NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override Point Generator { get; }

    /// <inheritdoc/>
    protected override bool ScalarsAreBigEndian => true;

    /// <summary>Whether a non-identity point has odd Y (BIP340 keys and nonces must have even Y).</summary>
    public bool HasOddY(Point p) => Own(p).Encoded[0] == 0x03;

    /// <summary>The 32-byte X coordinate of a non-identity point (BIP340's x-only encoding).</summary>
    public byte[] XOnly(Point p) => Own(p).Encoded[1..];

    /// <summary>The point with X coordinate <paramref name="xOnly"/> and even Y (BIP340's lift_x).</summary>
    public Point LiftX(ReadOnlySpan<byte> xOnly) => xOnly.Length == 32
        ? DeserializeElement([0x02, .. xOnly])
        : throw new FormatException("An x-only key has 32 bytes.");

    /// <inheritdoc/>
    public override Scalar RandomScalar()
    {
        var bytes = new byte[32];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (!IsValidSecretKey(bytes));

        return new Scalar(this, bytes);
    }

    /// <inheritdoc/>
    /// <remarks>Horner's rule over 16-byte chunks: every chunk and 2^128 are below the order, so only library calls are needed.</remarks>
    public override Scalar ReduceWide(ReadOnlySpan<byte> bytes)
    {
        var padded = new byte[(bytes.Length + 15) / 16 * 16];
        bytes.CopyTo(padded.AsSpan(padded.Length - bytes.Length));
        var accumulator = new byte[32];
        var chunk = new byte[32];
        try
        {
            for (var offset = 0; offset < padded.Length; offset += 16)
            {
                padded.AsSpan(offset, 16).CopyTo(chunk.AsSpan(16));
                MultiplyInPlace(accumulator, _twoPow128);
                AddInPlace(accumulator, chunk);
            }

            return new Scalar(this, accumulator);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(padded);
            CryptographicOperations.ZeroMemory(chunk);
        }
    }

    /// <inheritdoc/>
    public override Scalar Add(Scalar a, Scalar b)
    {
        var result = Own(a).Bytes.ToArray();
        AddInPlace(result, Own(b).Bytes);
        return new Scalar(this, result);
    }

    /// <inheritdoc/>
    public override Scalar Subtract(Scalar a, Scalar b)
    {
        using var negated = Negate(b);
        return Add(a, negated);
    }

    /// <inheritdoc/>
    public override Scalar Multiply(Scalar a, Scalar b)
    {
        var result = Own(a).Bytes.ToArray();
        MultiplyInPlace(result, Own(b).Bytes);
        return new Scalar(this, result);
    }

    /// <inheritdoc/>
    public override Scalar Negate(Scalar a)
    {
        var result = Own(a).Bytes.ToArray();
        fixed (byte* r = result)
        {
            // Zero stays zero: the library reports failure and leaves zero in place.
            _ = Native.SeckeyNegate(Secp256k1Context.Handle, r);
        }

        return new Scalar(this, result);
    }

    /// <inheritdoc/>
    public override Point MultiplyGenerator(Scalar k)
    {
        if (Own(k).IsZero)
        {
            return Identity;
        }

        var point = new byte[Native.PublicKeyStructSize];
        fixed (byte* p = point)
        fixed (byte* s = k.Bytes)
        {
            Native.Ensure(Native.PubkeyCreate(Secp256k1Context.Handle, p, s), "ec_pubkey_create");
        }

        return new Point(this, point);
    }

    /// <inheritdoc/>
    public override Point Multiply(Point p, Scalar k)
    {
        if (Own(p).IsIdentity || Own(k).IsZero)
        {
            return Identity;
        }

        Span<byte> compressed = stackalloc byte[33];
        fixed (byte* output = compressed)
        fixed (byte* point = p.Native)
        fixed (byte* s = k.Bytes)
        {
            Native.Ensure(Native.Ecdh(Secp256k1Context.Handle, output, point, s, &CopyAffinePoint, null), "ecdh");
        }

        return DeserializeElement(compressed);
    }

    /// <inheritdoc/>
    public override Point MultiplyPublic(Point p, Scalar k)
    {
        if (Own(p).IsIdentity || Own(k).IsZero)
        {
            return Identity;
        }

        var result = (byte[])p.Native!.Clone();
        fixed (byte* r = result)
        fixed (byte* s = k.Bytes)
        {
            Native.Ensure(Native.PubkeyTweakMul(Secp256k1Context.Handle, r, s), "ec_pubkey_tweak_mul");
        }

        return new Point(this, result);
    }

    /// <inheritdoc/>
    public override Point Add(Point p, Point q)
    {
        if (Own(p).IsIdentity || Own(q).IsIdentity)
        {
            return p.IsIdentity ? q : p;
        }

        var result = new byte[Native.PublicKeyStructSize];
        fixed (byte* a = p.Native)
        fixed (byte* b = q.Native)
        fixed (byte* r = result)
        {
            var inputs = stackalloc byte*[] { a, b };
            return Native.PubkeyCombine(Secp256k1Context.Handle, r, inputs, 2) == 1 ? new Point(this, result) : Identity;
        }
    }

    /// <inheritdoc/>
    /// <remarks>One <c>ec_pubkey_combine</c> call for all non-identity terms; a sum at infinity is the identity.</remarks>
    public override Point Sum(IEnumerable<Point> points)
    {
        var terms = points.Where(p => !Own(p).IsIdentity).Select(p => p.Native!).ToArray();
        if (terms.Length <= 1)
        {
            return terms.Length == 0 ? Identity : new Point(this, terms[0]);
        }

        var handles = new GCHandle[terms.Length];
        var pointers = new byte*[terms.Length];
        var result = new byte[Native.PublicKeyStructSize];
        try
        {
            for (var i = 0; i < terms.Length; i++)
            {
                handles[i] = GCHandle.Alloc(terms[i], GCHandleType.Pinned);
                pointers[i] = (byte*)handles[i].AddrOfPinnedObject();
            }

            fixed (byte** inputs = pointers)
            fixed (byte* r = result)
            {
                return Native.PubkeyCombine(Secp256k1Context.Handle, r, inputs, (nuint)terms.Length) == 1
                    ? new Point(this, result)
                    : Identity;
            }
        }
        finally
        {
            foreach (var handle in handles.Where(h => h.IsAllocated))
            {
                handle.Free();
            }
        }
    }

    /// <inheritdoc/>
    public override Point Negate(Point p)
    {
        if (Own(p).IsIdentity)
        {
            return p;
        }

        var result = (byte[])p.Native!.Clone();
        fixed (byte* r = result)
        {
            Native.Ensure(Native.PubkeyNegate(Secp256k1Context.Handle, r), "ec_pubkey_negate");
        }

        return new Point(this, result);
    }

    /// <inheritdoc/>
    public override byte[] SerializeElement(Point p)
    {
        if (Own(p).IsIdentity)
        {
            throw new InvalidOperationException("The identity element has no encoding.");
        }

        var output = new byte[33];
        nuint length = 33;
        fixed (byte* o = output)
        fixed (byte* point = p.Native)
        {
            Native.Ensure(Native.PubkeySerialize(Secp256k1Context.Handle, o, &length, point, Native.Compressed), "ec_pubkey_serialize");
        }

        return output;
    }

    /// <inheritdoc/>
    public override Point DeserializeElement(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 33 || bytes[0] is not (0x02 or 0x03))
        {
            throw new FormatException("A secp256k1 element is a 33-byte compressed point.");
        }

        var point = new byte[Native.PublicKeyStructSize];
        fixed (byte* p = point)
        fixed (byte* input = bytes)
        {
            return Native.PubkeyParse(Secp256k1Context.Handle, p, input, 33) == 1
                ? new Point(this, point)
                : throw new FormatException("Not a point on secp256k1.");
        }
    }

    /// <inheritdoc/>
    private protected override bool IsCanonicalScalar(ReadOnlySpan<byte> bytes) => IsBelow(bytes, OrderBytes, bigEndian: true);

    private static bool IsValidSecretKey(byte[] bytes)
    {
        fixed (byte* s = bytes)
        {
            return Native.SeckeyVerify(Secp256k1Context.Handle, s) == 1;
        }
    }

    /// <summary><paramref name="accumulator"/> += <paramref name="term"/>; the library refuses a zero accumulator, so that case copies.</summary>
    private static void AddInPlace(Span<byte> accumulator, ReadOnlySpan<byte> term)
    {
        var zero = true;
        foreach (var b in accumulator)
        {
            zero &= b == 0;
        }

        if (zero)
        {
            term.CopyTo(accumulator);
            return;
        }

        fixed (byte* a = accumulator)
        fixed (byte* t = term)
        {
            // A zero sum makes the call fail and leaves zero in the accumulator, which is the right answer.
            _ = Native.SeckeyTweakAdd(Secp256k1Context.Handle, a, t);
        }
    }

    /// <summary><paramref name="accumulator"/> *= <paramref name="factor"/>; a zero operand makes the call fail and leaves zero.</summary>
    private static void MultiplyInPlace(Span<byte> accumulator, ReadOnlySpan<byte> factor)
    {
        fixed (byte* a = accumulator)
        fixed (byte* f = factor)
        {
            _ = Native.SeckeyTweakMul(Secp256k1Context.Handle, a, f);
        }
    }

    /// <summary>ECDH "hash" function that returns the shared point itself, compressed.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CopyAffinePoint(byte* output, byte* x32, byte* y32, void* data)
    {
        output[0] = (byte)(0x02 | (y32[31] & 1));
        new ReadOnlySpan<byte>(x32, 32).CopyTo(new Span<byte>(output + 1, 32));
        return 1;
    }
}
