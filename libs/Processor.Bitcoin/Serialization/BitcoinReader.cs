using System.Buffers.Binary;

namespace Processor.Bitcoin.Serialization;

/// <summary>
/// A forward-only reader of Bitcoin's wire encoding over one buffer. Byte fields come back as slices of the buffer (no
/// copies); every read checks the remaining length and throws <see cref="BitcoinFormatException"/> naming the field.
/// </summary>
internal ref struct BitcoinReader
{
    private readonly ReadOnlyMemory<byte> _memory;
    private readonly ReadOnlySpan<byte> _span;

    public BitcoinReader(ReadOnlyMemory<byte> memory)
    {
        _memory = memory;
        _span = memory.Span;
    }

    public int Position { get; set; }

    public readonly int Remaining => _span.Length - Position;

    public readonly ReadOnlyMemory<byte> Memory => _memory;

    public readonly ReadOnlySpan<byte> Span => _span;

    public byte ReadByte(string field)
    {
        Require(1, field);
        return _span[Position++];
    }

    public uint ReadUInt32(string field)
    {
        Require(4, field);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(_span[Position..]);
        Position += 4;
        return value;
    }

    public long ReadInt64(string field)
    {
        Require(8, field);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_span[Position..]);
        Position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadSpan(int length, string field)
    {
        Require(length, field);
        var slice = _span.Slice(Position, length);
        Position += length;
        return slice;
    }

    public ReadOnlyMemory<byte> ReadMemory(int length, string field)
    {
        Require(length, field);
        var slice = _memory.Slice(Position, length);
        Position += length;
        return slice;
    }

    /// <summary>A compact-size length prefix followed by that many bytes.</summary>
    public ReadOnlyMemory<byte> ReadVarBytes(string field) => ReadMemory(ReadLength(field, 1), field);

    /// <summary>
    /// A compact-size count of items of at least <paramref name="minItemSize"/> bytes each: a count that could not fit in
    /// the remaining bytes is rejected before anything is allocated for it.
    /// </summary>
    public int ReadLength(string field, int minItemSize)
    {
        var start = Position;
        var value = ReadCompactSize(field);
        if (value > (ulong)Remaining / (ulong)minItemSize)
        {
            // The data is shorter than declared (whether the count is absurd or the data was cut off).
            throw new BitcoinFormatException(
                $"Truncated {field}: {value} declared, which needs at least {(UInt128)value * (uint)minItemSize} bytes, {Remaining} left", start);
        }

        return (int)value;
    }

    /// <summary>Bitcoin's CompactSize, rejecting non-canonical (longer than necessary) encodings.</summary>
    public ulong ReadCompactSize(string field)
    {
        var start = Position;
        var first = ReadByte(field);
        ulong value;
        ulong minimum;
        switch (first)
        {
            case < 0xfd:
                return first;
            case 0xfd:
                Require(2, field);
                value = BinaryPrimitives.ReadUInt16LittleEndian(_span[Position..]);
                Position += 2;
                minimum = 0xfd;
                break;
            case 0xfe:
                value = ReadUInt32(field);
                minimum = 0x1_0000;
                break;
            default:
                Require(8, field);
                value = BinaryPrimitives.ReadUInt64LittleEndian(_span[Position..]);
                Position += 8;
                minimum = 0x1_0000_0000;
                break;
        }

        return value >= minimum
            ? value
            : throw new BitcoinFormatException($"Non-canonical compact size for {field}: {value} encoded in {Position - start} bytes", start);
    }

    /// <summary>Throws unless the whole buffer has been read.</summary>
    public readonly void EnsureEnd(string what)
    {
        if (Remaining != 0)
        {
            throw new BitcoinFormatException($"Oversized {what}: {Remaining} unexpected bytes after its end", Position);
        }
    }

    private readonly void Require(int length, string field)
    {
        if (length > Remaining)
        {
            throw new BitcoinFormatException($"Truncated {field}: needs {length} bytes, {Remaining} left", Position);
        }
    }
}
