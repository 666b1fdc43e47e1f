using System.Runtime.InteropServices;

namespace Processor.Bitcoin.Hashing;

/// <summary>
/// A 32-byte hash (txid, wtxid, block hash, merkle root) in internal byte order, i.e. as it is serialized and as SHA-256
/// produces it. <see cref="ToString"/> and <see cref="Parse"/> use the reversed "display" order of block explorers and
/// bitcoind's RPC.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public readonly struct Hash256 : IEquatable<Hash256>
{
    public const int Size = 32;

    private readonly ulong _a;
    private readonly ulong _b;
    private readonly ulong _c;
    private readonly ulong _d;

    /// <summary>Takes 32 bytes in internal order.</summary>
    public Hash256(ReadOnlySpan<byte> internalOrder)
    {
        if (internalOrder.Length != Size)
        {
            throw new ArgumentException($"A hash is {Size} bytes, not {internalOrder.Length}.", nameof(internalOrder));
        }

        this = MemoryMarshal.Read<Hash256>(internalOrder);
    }

    /// <summary>All zero: the previous block of the genesis block, the previous output of a coinbase input.</summary>
    public static Hash256 Zero => default;

    /// <summary>The 32 bytes in internal order.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Writes the 32 bytes in internal order.</summary>
    public void WriteTo(Span<byte> destination) => MemoryMarshal.Write(destination, in this);

    /// <summary>Parses the display (reversed) hex form, as printed by <see cref="ToString"/>.</summary>
    public static Hash256 Parse(string displayHex)
    {
        Span<byte> bytes = stackalloc byte[Size];
        if (displayHex.Length != Size * 2 || Convert.FromHexString(displayHex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            throw new FormatException($"A hash is {Size * 2} hex digits, not '{displayHex}'.");
        }

        bytes.Reverse();
        return new Hash256(bytes);
    }

    /// <summary>The display form: reversed byte order, lower-case hex.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        bytes.Reverse();
        return Convert.ToHexStringLower(bytes);
    }

    public bool Equals(Hash256 other) => _a == other._a && _b == other._b && _c == other._c && _d == other._d;

    public override bool Equals(object? obj) => obj is Hash256 other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_a, _d);

    public static bool operator ==(Hash256 left, Hash256 right) => left.Equals(right);

    public static bool operator !=(Hash256 left, Hash256 right) => !left.Equals(right);
}
