using System.Numerics;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A participant's identifier: a non-zero public scalar (RFC 9591 §4.1), usually the participant's index 1..n but any
/// non-zero scalar works. Ordered by integer value, as RFC 9591 orders commitment lists.
/// </summary>
public sealed class Identifier : IEquatable<Identifier>, IComparable<Identifier>
{
    private readonly byte[] _encoded;

    private Identifier(Scalar value)
    {
        Group = value.Group;
        Value = value;
        Number = value.Group.ToIntegerPublic(value);
        _encoded = value.Serialize();
    }

    /// <summary>The group whose scalar this is.</summary>
    public PrimeOrderGroup Group { get; }

    /// <summary>The identifier as a scalar (a copy).</summary>
    public Scalar ToScalar() => Value.Copy();

    internal Scalar Value { get; }

    /// <summary>The identifier's integer value.</summary>
    public BigInteger Number { get; }

    /// <summary>The identifier of participant <paramref name="index"/> (≥ 1).</summary>
    public static Identifier FromIndex(PrimeOrderGroup group, int index) => index >= 1
        ? new Identifier(group.ScalarFromInteger(index))
        : throw new ArgumentOutOfRangeException(nameof(index), "Identifiers start at 1.");

    /// <summary>An identifier from any non-zero public scalar (e.g. a hash of a participant's name).</summary>
    public static Identifier FromScalar(Scalar value) => !value.IsZero
        ? new Identifier(value.Copy())
        : throw new ArgumentException("An identifier cannot be zero.", nameof(value));

    /// <summary>An identifier from its scalar encoding.</summary>
    public static Identifier Deserialize(PrimeOrderGroup group, ReadOnlySpan<byte> bytes) => FromScalar(group.DeserializeScalar(bytes));

    /// <summary>RFC 9591 SerializeScalar of the identifier.</summary>
    public byte[] Serialize() => (byte[])_encoded.Clone();

    internal ReadOnlySpan<byte> Encoded => _encoded;

    /// <inheritdoc/>
    public bool Equals(Identifier? other) => other is not null && ReferenceEquals(Group, other.Group) && Number == other.Number;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as Identifier);

    /// <inheritdoc/>
    public override int GetHashCode() => Number.GetHashCode();

    /// <inheritdoc/>
    public int CompareTo(Identifier? other) => other is null ? 1 : Number.CompareTo(other.Number);

    /// <summary>The decimal value.</summary>
    public override string ToString() => Number.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Equality.</summary>
    public static bool operator ==(Identifier? a, Identifier? b) => a is null ? b is null : a.Equals(b);

    /// <summary>Inequality.</summary>
    public static bool operator !=(Identifier? a, Identifier? b) => !(a == b);

    /// <summary>Ordering by value.</summary>
    public static bool operator <(Identifier a, Identifier b) => a.CompareTo(b) < 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >(Identifier a, Identifier b) => a.CompareTo(b) > 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator <=(Identifier a, Identifier b) => a.CompareTo(b) <= 0;

    /// <summary>Ordering by value.</summary>
    public static bool operator >=(Identifier a, Identifier b) => a.CompareTo(b) >= 0;
}
