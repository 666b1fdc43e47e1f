namespace Processor.Serai;

/// <summary>
/// An immutable byte string with value equality, the base of Serai's byte-valued types (addresses, hashes, data). Two values
/// are equal when they are of the same type and hold the same bytes.
/// </summary>
public abstract class SeraiBytes : IEquatable<SeraiBytes>
{
    private readonly byte[] _bytes;

    /// <summary>Copies <paramref name="bytes"/> after checking its length against <paramref name="minLength"/>..<paramref name="maxLength"/>.</summary>
    protected SeraiBytes(ReadOnlySpan<byte> bytes, int minLength, int maxLength)
    {
        if (bytes.Length < minLength || bytes.Length > maxLength)
        {
            var expected = minLength == maxLength ? $"{minLength}" : $"{minLength} to {maxLength}";
            throw new ArgumentException($"A {GetType().Name} is {expected} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Span => _bytes;

    public int Length => _bytes.Length;

    public byte[] ToArray() => (byte[])_bytes.Clone();

    public bool Equals(SeraiBytes? other) =>
        other is not null && other.GetType() == GetType() && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as SeraiBytes);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }

    /// <summary>The bytes in lowercase hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);
}
