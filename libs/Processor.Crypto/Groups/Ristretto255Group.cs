using Processor.Crypto.Sodium;

namespace Processor.Crypto.Groups;

/// <summary>
/// ristretto255 (RFC 9496) through libsodium: scalars are 32 little-endian bytes, elements 32-byte canonical encodings.
/// All libsodium operations used are constant-time. The identity (all-zero encoding) is kept as
/// <see cref="Point.IsIdentity"/> and never passed to or accepted from the wire.
/// </summary>
public sealed unsafe class Ristretto255Group : Curve25519Group
{
    private static readonly byte[] IdentityEncoding = new byte[32];

    private Ristretto255Group()
    {
        Generator = DeserializeElement(Convert.FromHexString("E2F2AE0A6ABC4E71A884A961C500515F58E30B6AA582DD8DB6A65945E08D2D76"));
    }

    /// <summary>The group.</summary>
    public static Ristretto255Group Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "ristretto255";

    /// <inheritdoc/>
    public override Point Generator { get; }

    /// <inheritdoc/>
    public override Point MultiplyGenerator(Scalar k)
    {
        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* n = Own(k).Bytes)
        {
            // -1 means the product is the identity (k = 0).
            return SodiumNative.ScalarMultBase(r, n) == 0 ? new Point(this, result) : Identity;
        }
    }

    /// <inheritdoc/>
    public override Point Multiply(Point p, Scalar k)
    {
        if (Own(p).IsIdentity)
        {
            return p;
        }

        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* n = Own(k).Bytes)
        fixed (byte* q = p.Native)
        {
            return SodiumNative.ScalarMult(r, n, q) == 0 ? new Point(this, result) : Identity;
        }
    }

    /// <inheritdoc/>
    public override Point Add(Point p, Point q)
    {
        if (Own(p).IsIdentity || Own(q).IsIdentity)
        {
            return p.IsIdentity ? q : p;
        }

        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* a = p.Native)
        fixed (byte* b = q.Native)
        {
            if (SodiumNative.Add(r, a, b) != 0)
            {
                throw new InvalidOperationException("crypto_core_ristretto255_add failed");
            }
        }

        return FromEncoding(result);
    }

    /// <inheritdoc/>
    public override Point Negate(Point p)
    {
        if (Own(p).IsIdentity)
        {
            return p;
        }

        var result = new byte[32];
        fixed (byte* r = result)
        fixed (byte* zero = IdentityEncoding)
        fixed (byte* a = p.Native)
        {
            if (SodiumNative.Sub(r, zero, a) != 0)
            {
                throw new InvalidOperationException("crypto_core_ristretto255_sub failed");
            }
        }

        return new Point(this, result);
    }

    /// <inheritdoc/>
    public override byte[] SerializeElement(Point p) => Own(p).IsIdentity
        ? throw new InvalidOperationException("The identity element has no encoding.")
        : (byte[])p.Native!.Clone();

    /// <inheritdoc/>
    public override Point DeserializeElement(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != 32 || bytes.SequenceEqual(IdentityEncoding))
        {
            throw new FormatException("A ristretto255 element is a 32-byte encoding of a non-identity point.");
        }

        fixed (byte* p = bytes)
        {
            return SodiumNative.IsValidPoint(p) == 1
                ? new Point(this, bytes.ToArray())
                : throw new FormatException("Not a canonical ristretto255 encoding.");
        }
    }

    private Point FromEncoding(byte[] encoding) => encoding.AsSpan().SequenceEqual(IdentityEncoding) ? Identity : new Point(this, encoding);
}
