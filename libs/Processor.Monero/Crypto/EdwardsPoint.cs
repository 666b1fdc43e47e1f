using System.Diagnostics.CodeAnalysis;
using Processor.Crypto.Groups;
using Processor.Crypto.Sodium;

namespace Processor.Monero.Crypto;

/// <summary>
/// A point of the whole Ed25519 curve as Monero keys are: any 32 bytes that Monero's <c>check_key</c> accepts, so it may
/// carry a torsion component (random keys in Monero's own vectors mostly do, and so can ring members on chain). Immutable;
/// holds the 32-byte compressed encoding, which is what Monero hashes and serializes.
/// </summary>
/// <remarks>
/// libsodium's addition accepts torsioned points but its scalar multiplication refuses them, so <see cref="Multiply"/>
/// splits a torsioned point into its prime-order and torsion parts (see there). Arithmetic with a point of the
/// prime-order subgroup and a secret scalar stays on libsodium's constant-time path.
/// </remarks>
public sealed unsafe class EdwardsPoint : IEquatable<EdwardsPoint>
{
    /// <summary>Length of an encoding.</summary>
    public const int Length = 32;

    private static readonly byte[] FieldPrime = Convert.FromHexString("EDFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F");
    private static readonly byte[] MinusOneY = Convert.FromHexString("ECFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F");

    private readonly byte[] _encoding;

    static EdwardsPoint() => SodiumNative.Initialize();

    private EdwardsPoint(byte[] encoding) => _encoding = encoding;

    /// <summary>The identity (x = 0, y = 1).</summary>
    public static EdwardsPoint Identity { get; } = new(Convert.FromHexString("0100000000000000000000000000000000000000000000000000000000000000"));

    /// <summary>Ed25519's base point G.</summary>
    public static EdwardsPoint Generator { get; } = new(Convert.FromHexString("5866666666666666666666666666666666666666666666666666666666666666"));

    /// <summary>The inverse of 8 modulo the group order, for splitting off a torsion component.</summary>
    private static Scalar InverseOfEight { get; } = Ed25519Group.Instance.Invert(Ed25519Group.Instance.ScalarFromInteger(8));

    /// <summary>The compressed encoding (no copy; do not keep beyond this point's lifetime expecting a copy).</summary>
    public ReadOnlySpan<byte> Encoding => _encoding;

    /// <summary>Whether this is the identity.</summary>
    public bool IsIdentity => _encoding.AsSpan().SequenceEqual(Identity._encoding);

    /// <summary>
    /// Whether the point lies in the prime-order subgroup (l·P = identity), the check monerod applies to key images.
    /// The identity counts as torsion-free.
    /// </summary>
    public bool IsTorsionFree
    {
        get
        {
            fixed (byte* p = _encoding)
            {
                // libsodium's check also refuses the identity, which is of order 1 and so in the subgroup.
                return IsIdentity || SodiumNative.Ed25519IsValidPoint(p) == 1;
            }
        }
    }

    /// <summary>
    /// Monero's <c>check_key</c>: the 32 bytes decode to a curve point (y below the field prime, x recoverable, and not the
    /// sign bit set on x = 0). Torsion and small order are allowed.
    /// </summary>
    public static bool IsValidKey(ReadOnlySpan<byte> encoding) => TryDecode(encoding, out _);

    /// <summary>A point from bytes that pass <see cref="IsValidKey"/>; false otherwise.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> encoding, [NotNullWhen(true)] out EdwardsPoint? point)
    {
        point = null;
        if (encoding.Length != Length || !HasCanonicalY(encoding) || HasSignedZeroX(encoding))
        {
            return false;
        }

        var copy = encoding.ToArray();
        Span<byte> sum = stackalloc byte[Length];
        fixed (byte* r = sum)
        fixed (byte* p = copy)
        fixed (byte* identity = Identity._encoding)
        {
            // libsodium's addition decodes its inputs and fails exactly when x cannot be recovered (no square root).
            if (SodiumNative.Ed25519Add(r, p, identity) != 0)
            {
                return false;
            }
        }

        point = new EdwardsPoint(copy);
        return true;
    }

    /// <summary>A point from bytes that pass <see cref="IsValidKey"/>; throws <see cref="FormatException"/> naming <paramref name="what"/> otherwise.</summary>
    public static EdwardsPoint Decode(ReadOnlySpan<byte> encoding, string what = "point") =>
        TryDecode(encoding, out var point)
            ? point
            : throw new FormatException($"The {what} {Convert.ToHexStringLower(encoding)} is not a valid Ed25519 point encoding ({encoding.Length} bytes).");

    /// <summary>A point from its hex encoding (see <see cref="Decode"/>).</summary>
    public static EdwardsPoint FromHex(string hex) => Decode(Convert.FromHexString(hex));

    /// <summary>The point of a prime-order group element.</summary>
    public static EdwardsPoint FromGroupElement(Point element)
    {
        if (element.Group is not Ed25519Group)
        {
            throw new ArgumentException($"A {element.Group.Name} point is not an Ed25519 point.", nameof(element));
        }

        return element.IsIdentity ? Identity : new EdwardsPoint(element.Serialize());
    }

    /// <summary>This point as an element of <see cref="Ed25519Group"/>; throws <see cref="FormatException"/> if it is torsioned.</summary>
    public Point ToGroupElement() => IsIdentity ? Ed25519Group.Instance.Identity : Ed25519Group.Instance.DeserializeElement(_encoding);

    /// <summary><c>k·G</c> (constant-time in <paramref name="k"/>).</summary>
    public static EdwardsPoint MultiplyBase(Scalar k)
    {
        var result = new byte[Length];
        fixed (byte* r = result)
        fixed (byte* n = Own(k).Bytes)
        {
            return SodiumNative.Ed25519ScalarMultBase(r, n) == 0 ? new EdwardsPoint(result) : Identity;
        }
    }

    /// <summary><c>P + Q</c>.</summary>
    public EdwardsPoint Add(EdwardsPoint other) => Combine(other, subtract: false);

    /// <summary><c>P - Q</c>.</summary>
    public EdwardsPoint Subtract(EdwardsPoint other) => Combine(other, subtract: true);

    /// <summary><c>-P</c>.</summary>
    public EdwardsPoint Negate() => Identity.Subtract(this);

    /// <summary><c>8·P</c> by three doublings: it clears any torsion component (Monero's <c>ge_mul8</c>).</summary>
    public EdwardsPoint MultiplyByCofactor()
    {
        var twice = Add(this);
        var four = twice.Add(twice);
        return four.Add(four);
    }

    /// <summary>
    /// <c>k·P</c> for any point, with k as Monero uses it (the integer below the group order). A point of the prime-order
    /// subgroup goes through libsodium (constant-time in k). A torsioned point P is split as P = P₀ + T with
    /// P₀ = 8⁻¹·(8·P) in the prime-order subgroup and 8·T = 0, so k·P = k·P₀ + (k mod 8)·T; that path branches on k mod 8
    /// and is meant for public points and public scalars (ring members, verification).
    /// </summary>
    public EdwardsPoint Multiply(Scalar k)
    {
        var scalar = Own(k);
        if (scalar.IsZero)
        {
            return Identity;
        }

        if (TryMultiplyTorsionFree(scalar, out var product))
        {
            return product;
        }

        var primeOrderPart = MultiplyByCofactor();
        if (primeOrderPart.IsIdentity)
        {
            return MultiplySmall(scalar.Bytes[0] & 7);
        }

        if (!primeOrderPart.TryMultiplyTorsionFree(InverseOfEight, out var p0) || !p0.TryMultiplyTorsionFree(scalar, out var kP0))
        {
            throw new InvalidOperationException("The prime-order part of a point was refused by libsodium.");
        }

        return kP0.Add(Subtract(p0).MultiplySmall(scalar.Bytes[0] & 7));
    }

    /// <summary>A copy of the encoding.</summary>
    public byte[] ToArray() => (byte[])_encoding.Clone();

    /// <summary>The lowercase hex encoding.</summary>
    public override string ToString() => Convert.ToHexStringLower(_encoding);

    /// <inheritdoc/>
    public bool Equals(EdwardsPoint? other) => other is not null && _encoding.AsSpan().SequenceEqual(other._encoding);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EdwardsPoint);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_encoding, 0);

    /// <summary><c>P + Q</c>.</summary>
    public static EdwardsPoint operator +(EdwardsPoint p, EdwardsPoint q) => p.Add(q);

    /// <summary><c>P - Q</c>.</summary>
    public static EdwardsPoint operator -(EdwardsPoint p, EdwardsPoint q) => p.Subtract(q);

    /// <summary><c>-P</c>.</summary>
    public static EdwardsPoint operator -(EdwardsPoint p) => p.Negate();

    /// <summary><c>k·P</c>.</summary>
    public static EdwardsPoint operator *(Scalar k, EdwardsPoint p) => p.Multiply(k);

    /// <summary><c>k·P</c>.</summary>
    public static EdwardsPoint operator *(EdwardsPoint p, Scalar k) => p.Multiply(k);

    /// <summary>Equality of encodings (which are canonical, so equality of points).</summary>
    public static bool operator ==(EdwardsPoint? p, EdwardsPoint? q) => p is null ? q is null : p.Equals(q);

    /// <summary>Inequality of encodings.</summary>
    public static bool operator !=(EdwardsPoint? p, EdwardsPoint? q) => !(p == q);

    internal static EdwardsPoint FromCanonicalEncoding(byte[] encoding) => new(encoding);

    private static Scalar Own(Scalar k) =>
        k.Group is Ed25519Group ? k : throw new ArgumentException($"A {k.Group.Name} scalar used with an Ed25519 point.", nameof(k));

    private bool TryMultiplyTorsionFree(Scalar k, [NotNullWhen(true)] out EdwardsPoint? product)
    {
        var result = new byte[Length];
        fixed (byte* r = result)
        fixed (byte* n = k.Bytes)
        fixed (byte* p = _encoding)
        {
            // Refused for torsioned, small-order or identity P; k is non-zero here and P non-identity, so not for the result.
            product = SodiumNative.Ed25519ScalarMult(r, n, p) == 0 ? new EdwardsPoint(result) : null;
        }

        return product is not null;
    }

    private EdwardsPoint MultiplySmall(int multiple)
    {
        var sum = Identity;
        for (var i = 0; i < multiple; i++)
        {
            sum = sum.Add(this);
        }

        return sum;
    }

    private EdwardsPoint Combine(EdwardsPoint other, bool subtract)
    {
        var result = new byte[Length];
        fixed (byte* r = result)
        fixed (byte* p = _encoding)
        fixed (byte* q = other._encoding)
        {
            var status = subtract ? SodiumNative.Ed25519Sub(r, p, q) : SodiumNative.Ed25519Add(r, p, q);
            return status == 0 ? new EdwardsPoint(result) : throw new InvalidOperationException("crypto_core_ed25519_add/sub refused a decoded point.");
        }
    }

    /// <summary>Whether the 255-bit y coordinate is below the field prime (Monero refuses the 19 non-canonical values).</summary>
    private static bool HasCanonicalY(ReadOnlySpan<byte> encoding)
    {
        for (var i = Length - 1; i >= 0; i--)
        {
            var value = i == Length - 1 ? encoding[i] & 0x7F : encoding[i];
            if (value != FieldPrime[i])
            {
                return value < FieldPrime[i];
            }
        }

        return false;
    }

    /// <summary>Whether the encoding is y = ±1 (so x = 0) with the sign bit set, a second encoding Monero refuses.</summary>
    private static bool HasSignedZeroX(ReadOnlySpan<byte> encoding)
    {
        if ((encoding[Length - 1] & 0x80) == 0)
        {
            return false;
        }

        Span<byte> y = stackalloc byte[Length];
        encoding.CopyTo(y);
        y[Length - 1] &= 0x7F;
        return y.SequenceEqual(Identity._encoding) || y.SequenceEqual(MinusOneY);
    }
}
