namespace Processor.Crypto.Groups;

/// <summary>
/// A group element. Immutable and public (no secret ever lives in a point). The identity element has no encoding and is
/// represented explicitly (<see cref="IsIdentity"/>); <see cref="Serialize"/> refuses it as RFC 9591 requires.
/// </summary>
public sealed class Point : IEquatable<Point>
{
    private byte[]? _encoded;

    /// <param name="group">The group.</param>
    /// <param name="native">The backend's representation (libsecp256k1's 64-byte struct, ristretto255's encoding); null for the identity.</param>
    internal Point(PrimeOrderGroup group, byte[]? native)
    {
        Group = group;
        Native = native;
    }

    /// <summary>The group this element belongs to.</summary>
    public PrimeOrderGroup Group { get; }

    /// <summary>Whether this is the identity element.</summary>
    public bool IsIdentity => Native is null;

    internal byte[]? Native { get; }

    /// <summary>RFC 9591 SerializeElement (a copy); throws <see cref="InvalidOperationException"/> for the identity.</summary>
    public byte[] Serialize() => (byte[])Encoded.Clone();

    internal byte[] Encoded => _encoded ??= Group.SerializeElement(this);

    /// <inheritdoc/>
    public bool Equals(Point? other) =>
        other is not null && ReferenceEquals(Group, other.Group) && IsIdentity == other.IsIdentity
        && (IsIdentity || Encoded.AsSpan().SequenceEqual(other.Encoded));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Point);

    /// <inheritdoc/>
    public override int GetHashCode() => IsIdentity ? 0 : BitConverter.ToInt32(Encoded, Encoded.Length - 4);

    /// <summary>The group name and the hex encoding (or "identity").</summary>
    public override string ToString() => $"{Group.Name}:{(IsIdentity ? "identity" : Convert.ToHexStringLower(Encoded))}";

    /// <summary><c>P + Q</c>.</summary>
    public static Point operator +(Point p, Point q) => p.Group.Add(p, q);

    /// <summary><c>P - Q</c>.</summary>
    public static Point operator -(Point p, Point q) => p.Group.Subtract(p, q);

    /// <summary><c>-P</c>.</summary>
    public static Point operator -(Point p) => p.Group.Negate(p);

    /// <summary><c>k·P</c> (constant-time).</summary>
    public static Point operator *(Point p, Scalar k) => p.Group.Multiply(p, k);

    /// <summary>Equality of elements.</summary>
    public static bool operator ==(Point? p, Point? q) => p is null ? q is null : p.Equals(q);

    /// <summary>Inequality of elements.</summary>
    public static bool operator !=(Point? p, Point? q) => !(p == q);

    /// <summary>Named alternative of <c>+</c>.</summary>
    public Point Add(Point other) => this + other;

    /// <summary>Named alternative of binary <c>-</c>.</summary>
    public Point Subtract(Point other) => this - other;

    /// <summary>Named alternative of unary <c>-</c>.</summary>
    public Point Negate() => -this;

    /// <summary>Named alternative of <c>*</c>.</summary>
    public Point Multiply(Scalar k) => this * k;
}
