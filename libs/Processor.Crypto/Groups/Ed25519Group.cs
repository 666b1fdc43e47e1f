using Processor.Crypto.Sodium;

namespace Processor.Crypto.Groups;

/// <summary>
/// The prime-order subgroup of Ed25519 (RFC 9591 §6.5's group) through libsodium: scalars are 32 little-endian bytes,
/// elements 32-byte compressed Edwards encodings. Deserialization accepts only canonical encodings of points of the
/// prime-order subgroup (no small-order point, no torsion component), so every operation here stays in that subgroup.
/// The identity (encoding <c>01 00…00</c>) is kept as <see cref="Point.IsIdentity"/> and never accepted from the wire.
/// Monero's keys may carry torsion; its torsion-tolerant operations live in Processor.Monero, not here.
/// </summary>
public sealed unsafe class Ed25519Group : Curve25519Group
{
    /// <summary>The compressed encoding of the identity (x = 0, y = 1).</summary>
    internal static readonly byte[] IdentityEncoding = Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000");

    private Ed25519Group()
    {
        Generator = DeserializeElement(Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666"));
    }

    /// <summary>The group.</summary>
    public static Ed25519Group Instance { get; } = new();

    /// <inheritdoc/>
    public override string Name => "ed25519";

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
            return SodiumNative.Ed25519ScalarMultBase(r, n) == 0 ? new Point(this, result) : Identity;
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
            // The point is in the prime-order subgroup (checked at deserialization), so -1 means k = 0.
            return SodiumNative.Ed25519ScalarMult(r, n, q) == 0 ? new Point(this, result) : Identity;
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
            if (SodiumNative.Ed25519Add(r, a, b) != 0)
            {
                throw new InvalidOperationException("crypto_core_ed25519_add failed");
            }
        }

        return result.AsSpan().SequenceEqual(IdentityEncoding) ? Identity : new Point(this, result);
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
        fixed (byte* identity = IdentityEncoding)
        fixed (byte* a = p.Native)
        {
            if (SodiumNative.Ed25519Sub(r, identity, a) != 0)
            {
                throw new InvalidOperationException("crypto_core_ed25519_sub failed");
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
        if (bytes.Length != 32)
        {
            throw new FormatException("An Ed25519 element is a 32-byte encoding.");
        }

        fixed (byte* p = bytes)
        {
            // libsodium refuses non-canonical encodings, small-order points (the identity among them) and torsioned points.
            return SodiumNative.Ed25519IsValidPoint(p) == 1
                ? new Point(this, bytes.ToArray())
                : throw new FormatException("Not a canonical encoding of a non-identity point of Ed25519's prime-order subgroup.");
        }
    }
}
