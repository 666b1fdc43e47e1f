using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Transactions;

/// <summary>
/// A 32-byte RingCT value as a transaction stores it (Monero's <c>rct::key</c>): a point or scalar encoding, kept as read so
/// the transaction re-serializes byte for byte, and validated only when used (<see cref="ToPoint"/>, <see cref="ToScalar"/>).
/// </summary>
public sealed class RctKey : IEquatable<RctKey>
{
    /// <summary>Length of a key.</summary>
    public const int Length = 32;

    private readonly byte[] _bytes;

    /// <summary>A key from exactly 32 bytes.</summary>
    public RctKey(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"A RingCT key is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        _bytes = bytes.ToArray();
    }

    /// <summary>The bytes (no copy).</summary>
    public ReadOnlySpan<byte> Bytes => _bytes;

    /// <summary>The key of a point.</summary>
    public static RctKey From(EdwardsPoint point) => new(point.Encoding);

    /// <summary>The key of a scalar.</summary>
    public static RctKey From(Scalar scalar) => new(scalar.Serialize());

    /// <summary>The key from hex.</summary>
    public static RctKey FromHex(string hex) => new(Convert.FromHexString(hex));

    /// <summary>The point this key encodes; throws <see cref="FormatException"/> naming <paramref name="what"/> if it is none (check_key).</summary>
    public EdwardsPoint ToPoint(string what = "RingCT key") => EdwardsPoint.Decode(_bytes, what);

    /// <summary>The canonical scalar this key encodes; throws <see cref="FormatException"/> naming <paramref name="what"/> if it is not one.</summary>
    public Scalar ToScalar(string what = "RingCT scalar") => MoneroScalars.Decode(_bytes, what);

    /// <summary>A copy of the bytes.</summary>
    public byte[] ToArray() => (byte[])_bytes.Clone();

    /// <summary>Lowercase hex.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);

    /// <inheritdoc/>
    public bool Equals(RctKey? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as RctKey);

    /// <inheritdoc/>
    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);
}
