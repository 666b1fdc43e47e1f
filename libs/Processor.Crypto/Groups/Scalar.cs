using System.Security.Cryptography;

namespace Processor.Crypto.Groups;

/// <summary>
/// An element of a group's scalar field, in the group's canonical encoding. Scalars may be secret (key shares, nonces):
/// <see cref="Dispose"/> zeroes the value and any later use throws <see cref="ObjectDisposedException"/>;
/// <see cref="ToString"/> never shows the value. Immutable until disposed; operators allocate new scalars.
/// </summary>
public sealed class Scalar : IDisposable
{
    private readonly byte[] _bytes;
    private bool _disposed;

    internal Scalar(PrimeOrderGroup group, byte[] bytes)
    {
        Group = group;
        _bytes = bytes;
    }

    /// <summary>The group this scalar belongs to.</summary>
    public PrimeOrderGroup Group { get; }

    /// <summary>Whether the scalar is zero (constant-time).</summary>
    public bool IsZero
    {
        get
        {
            var accumulator = 0;
            foreach (var b in Bytes)
            {
                accumulator |= b;
            }

            return accumulator == 0;
        }
    }

    internal ReadOnlySpan<byte> Bytes
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _bytes;
        }
    }

    /// <summary>RFC 9591 SerializeScalar: the canonical encoding (a copy; the caller owns and should clear it if secret).</summary>
    public byte[] Serialize() => Bytes.ToArray();

    /// <summary>An independent copy (to keep beyond the lifetime of this one).</summary>
    public Scalar Copy() => new(Group, Bytes.ToArray());

    /// <summary>Constant-time equality of two scalars of the same group.</summary>
    public bool EqualsConstantTime(Scalar other) =>
        ReferenceEquals(Group, other.Group) && CryptographicOperations.FixedTimeEquals(Bytes, other.Bytes);

    /// <summary>Zeroes the value.</summary>
    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_bytes);
        _disposed = true;
    }

    /// <summary>Names the type and group only: scalars may be secrets.</summary>
    public override string ToString() => $"{Group.Name} scalar";

    /// <summary><c>a + b</c>.</summary>
    public static Scalar operator +(Scalar a, Scalar b) => a.Group.Add(a, b);

    /// <summary><c>a - b</c>.</summary>
    public static Scalar operator -(Scalar a, Scalar b) => a.Group.Subtract(a, b);

    /// <summary><c>a · b</c>.</summary>
    public static Scalar operator *(Scalar a, Scalar b) => a.Group.Multiply(a, b);

    /// <summary><c>-a</c>.</summary>
    public static Scalar operator -(Scalar a) => a.Group.Negate(a);

    /// <summary><c>k·P</c> (constant-time).</summary>
    public static Point operator *(Scalar k, Point p) => k.Group.Multiply(p, k);

    /// <summary>Named alternative of <c>+</c>.</summary>
    public Scalar Add(Scalar other) => this + other;

    /// <summary>Named alternative of binary <c>-</c>.</summary>
    public Scalar Subtract(Scalar other) => this - other;

    /// <summary>Named alternative of <c>*</c>.</summary>
    public Scalar Multiply(Scalar other) => this * other;

    /// <summary>Named alternative of unary <c>-</c>.</summary>
    public Scalar Negate() => -this;
}
