using System.Buffers.Binary;
using Processor.Crypto.Groups;

namespace Processor.Monero.Crypto;

/// <summary>
/// Monero's scalars: elements of <see cref="Ed25519Group"/>'s scalar field (integers modulo l), 32 little-endian bytes.
/// Secret keys, masks, CLSAG responses and Bulletproofs+ values are all these <see cref="Scalar"/>s.
/// </summary>
public static class MoneroScalars
{
    /// <summary>The group whose scalars these are.</summary>
    public static Ed25519Group Group => Ed25519Group.Instance;

    /// <summary>Monero's <c>sc_check</c>: whether 32 bytes are a canonical scalar (below l).</summary>
    public static bool IsCanonical(ReadOnlySpan<byte> bytes) => Group.TryDeserializeScalar(bytes, out _);

    /// <summary>A canonical scalar; throws <see cref="FormatException"/> naming <paramref name="what"/> otherwise.</summary>
    public static Scalar Decode(ReadOnlySpan<byte> bytes, string what = "scalar") =>
        Group.TryDeserializeScalar(bytes, out var scalar)
            ? scalar
            : throw new FormatException($"The {what} is not a canonical Ed25519 scalar (32 little-endian bytes below the group order).");

    /// <summary>Monero's <c>sc_reduce32</c> (and <c>sc_reduce</c> for 64 bytes): any bytes, little-endian, reduced modulo l.</summary>
    public static Scalar Reduce(ReadOnlySpan<byte> bytes) => Group.ReduceWide(bytes);

    /// <summary>An amount or index as a scalar (Monero's <c>d2h</c>).</summary>
    public static Scalar FromUInt64(ulong value)
    {
        Span<byte> bytes = stackalloc byte[32];
        bytes.Clear();
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
        return Group.ReduceWide(bytes);
    }
}
