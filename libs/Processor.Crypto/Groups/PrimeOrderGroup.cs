using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Processor.Crypto.Groups;

/// <summary>
/// A prime-order group as RFC 9591 §3.1 uses it: scalars modulo the group order and group elements (points), with the
/// identity element represented explicitly (<see cref="Point.IsIdentity"/>). Implementations: <see cref="Secp256k1Group"/>
/// (libsecp256k1), <see cref="Ristretto255Group"/> and <see cref="Ed25519Group"/> (libsodium).
/// </summary>
/// <remarks>
/// Operations on values that may be secret (scalar arithmetic, <see cref="MultiplyGenerator"/>, <see cref="Multiply"/>,
/// <see cref="ReduceWide"/>, <see cref="DeserializeScalar"/>) go through the libraries' constant-time paths; the only
/// secret-dependent branch is "is this scalar zero", which the libraries' APIs force and which has negligible probability
/// for secrets. Members named <c>…Public</c> are variable-time and must only see public values. Instances are immutable
/// singletons and thread-safe.
/// </remarks>
public abstract class PrimeOrderGroup
{
    private protected PrimeOrderGroup()
    {
    }

    /// <summary>The group's name, e.g. <c>secp256k1</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Length of a serialized scalar (32 for both groups).</summary>
    public abstract int ScalarLength { get; }

    /// <summary>Length of a serialized element (33 for secp256k1's compressed encoding, 32 for ristretto255).</summary>
    public abstract int ElementLength { get; }

    /// <summary>The prime order of the group.</summary>
    public abstract BigInteger Order { get; }

    /// <summary>The fixed generator (base point).</summary>
    public abstract Point Generator { get; }

    /// <summary>The identity element (never serialized: RFC 9591 forbids it on the wire).</summary>
    public Point Identity => new(this, null);

    /// <summary>Whether serialized scalars are big-endian (secp256k1) or little-endian (ristretto255).</summary>
    protected abstract bool ScalarsAreBigEndian { get; }

    /// <summary>A scalar from its canonical encoding; throws <see cref="FormatException"/> unless it is below the order.</summary>
    public Scalar DeserializeScalar(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ScalarLength || !IsCanonicalScalar(bytes))
        {
            throw new FormatException($"Not a canonical {Name} scalar.");
        }

        return new Scalar(this, bytes.ToArray());
    }

    /// <summary>A scalar from its encoding, or false when it is not a canonical encoding (no exception, for checks of untrusted input).</summary>
    public bool TryDeserializeScalar(ReadOnlySpan<byte> bytes, [NotNullWhen(true)] out Scalar? scalar)
    {
        scalar = bytes.Length == ScalarLength && IsCanonicalScalar(bytes) ? new Scalar(this, bytes.ToArray()) : null;
        return scalar is not null;
    }

    /// <summary>A uniformly random non-zero scalar from the operating system's CSPRNG.</summary>
    public abstract Scalar RandomScalar();

    /// <summary>
    /// Reduces a hash output modulo the order (constant-time): big-endian for secp256k1 (any length, e.g. the 48 bytes of
    /// RFC 9591's hash_to_field), little-endian for ristretto255 (up to 64 bytes).
    /// </summary>
    public abstract Scalar ReduceWide(ReadOnlySpan<byte> bytes);

    /// <summary>A public integer (an identifier, a constant) as a scalar, reduced modulo the order.</summary>
    public Scalar ScalarFromInteger(BigInteger value)
    {
        var reduced = BigInteger.Remainder(value, Order);
        if (reduced.Sign < 0)
        {
            reduced += Order;
        }

        var raw = reduced.ToByteArray(isUnsigned: true, isBigEndian: ScalarsAreBigEndian);
        var bytes = new byte[ScalarLength];
        raw.CopyTo(bytes, ScalarsAreBigEndian ? ScalarLength - raw.Length : 0);
        return new Scalar(this, bytes);
    }

    /// <summary>The integer value of a <b>public</b> scalar (variable-time).</summary>
    public BigInteger ToIntegerPublic(Scalar scalar) =>
        new(Own(scalar).Bytes, isUnsigned: true, isBigEndian: ScalarsAreBigEndian);

    /// <summary>The inverse of a <b>public</b> non-zero scalar (variable-time; Lagrange coefficients).</summary>
    public Scalar InvertPublic(Scalar scalar)
    {
        var value = ToIntegerPublic(scalar);
        if (value.IsZero)
        {
            throw new DivideByZeroException("Zero has no inverse.");
        }

        return ScalarFromInteger(InverseModulo(value, Order));
    }

    /// <summary>The inverse of public <paramref name="value"/> modulo prime <paramref name="modulus"/> (extended Euclid, variable-time).</summary>
    internal static BigInteger InverseModulo(BigInteger value, BigInteger modulus)
    {
        BigInteger t = 0, nextT = 1, r = modulus, nextR = BigInteger.Remainder(value, modulus);
        if (nextR.Sign < 0)
        {
            nextR += modulus;
        }

        while (!nextR.IsZero)
        {
            var quotient = BigInteger.Divide(r, nextR);
            (t, nextT) = (nextT, t - quotient * nextT);
            (r, nextR) = (nextR, r - quotient * nextR);
        }

        return r.IsOne
            ? (t.Sign < 0 ? t + modulus : t)
            : throw new DivideByZeroException("The value has no inverse.");
    }

    /// <summary><c>a + b</c> modulo the order.</summary>
    public abstract Scalar Add(Scalar a, Scalar b);

    /// <summary><c>a - b</c> modulo the order.</summary>
    public abstract Scalar Subtract(Scalar a, Scalar b);

    /// <summary><c>a · b</c> modulo the order.</summary>
    public abstract Scalar Multiply(Scalar a, Scalar b);

    /// <summary><c>-a</c> modulo the order.</summary>
    public abstract Scalar Negate(Scalar a);

    /// <summary><c>k·G</c> (constant-time in <paramref name="k"/>).</summary>
    public abstract Point MultiplyGenerator(Scalar k);

    /// <summary><c>k·P</c> (constant-time in <paramref name="k"/>).</summary>
    public abstract Point Multiply(Point p, Scalar k);

    /// <summary><c>k·P</c> for a <b>public</b> <paramref name="k"/>; may be faster and variable-time.</summary>
    public virtual Point MultiplyPublic(Point p, Scalar k) => Multiply(p, k);

    /// <summary><c>P + Q</c>.</summary>
    public abstract Point Add(Point p, Point q);

    /// <summary>The sum of <paramref name="points"/> (the identity for none).</summary>
    public virtual Point Sum(IEnumerable<Point> points) => points.Aggregate(Identity, Add);

    /// <summary><c>-P</c>.</summary>
    public abstract Point Negate(Point p);

    /// <summary><c>P - Q</c>.</summary>
    public Point Subtract(Point p, Point q) => Add(p, Negate(q));

    /// <summary>The canonical encoding of a non-identity element; throws for the identity (RFC 9591 SerializeElement).</summary>
    public abstract byte[] SerializeElement(Point p);

    /// <summary>An element from its encoding; throws <see cref="FormatException"/> for invalid encodings and the identity.</summary>
    public abstract Point DeserializeElement(ReadOnlySpan<byte> bytes);

    /// <summary>Constant-time check that <paramref name="bytes"/> (of <see cref="ScalarLength"/>) encode a value below the order.</summary>
    private protected abstract bool IsCanonicalScalar(ReadOnlySpan<byte> bytes);

    /// <summary>Returns <paramref name="scalar"/> after checking that it belongs to this group.</summary>
    private protected Scalar Own(Scalar scalar) =>
        ReferenceEquals(scalar.Group, this) ? scalar : throw new ArgumentException($"A {scalar.Group.Name} scalar used with {Name}.");

    /// <summary>Returns <paramref name="point"/> after checking that it belongs to this group.</summary>
    private protected Point Own(Point point) =>
        ReferenceEquals(point.Group, this) ? point : throw new ArgumentException($"A {point.Group.Name} point used with {Name}.");

    /// <summary>Whether a big- or little-endian encoding is below <paramref name="modulus"/> (same length), in constant time.</summary>
    private protected static bool IsBelow(ReadOnlySpan<byte> value, ReadOnlySpan<byte> modulus, bool bigEndian)
    {
        var borrow = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var index = bigEndian ? value.Length - 1 - i : i;
            borrow = ((value[index] - modulus[index] - borrow) >> 8) & 1;
        }

        return borrow == 1;
    }
}
