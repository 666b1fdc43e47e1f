namespace Processor.Monero.Serialization;

/// <summary>
/// Reads Monero's binary serialization from a span, front to back. Every failure is a <see cref="MoneroFormatException"/>
/// naming the field being read and the offset.
/// </summary>
public ref struct MoneroReader
{
    private readonly ReadOnlySpan<byte> _data;

    /// <summary>A reader at the start of <paramref name="data"/>.</summary>
    public MoneroReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        Position = 0;
    }

    /// <summary>Bytes consumed so far.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes left.</summary>
    public readonly int Remaining => _data.Length - Position;

    /// <summary>Whether everything was read.</summary>
    public readonly bool IsAtEnd => Position == _data.Length;

    /// <summary>The bytes from <paramref name="start"/> to the current position (to keep a section's exact encoding).</summary>
    public readonly ReadOnlySpan<byte> Since(int start) => _data[start..Position];

    /// <summary>One byte.</summary>
    public byte ReadByte(string what)
    {
        Require(1, what);
        return _data[Position++];
    }

    /// <summary>A varint (see <see cref="Varint.Read"/>).</summary>
    public ulong ReadVarint(string what)
    {
        try
        {
            Position += Varint.Read(_data[Position..], out var value, what);
            return value;
        }
        catch (MoneroFormatException e)
        {
            throw new MoneroFormatException($"{e.Message} At byte {Position}.", e);
        }
    }

    /// <summary>A varint used as a count of items of at least <paramref name="minItemLength"/> bytes, refused when the data cannot hold them.</summary>
    public int ReadCount(string what, int minItemLength)
    {
        var start = Position;
        var count = ReadVarint(what);
        if (count > (ulong)Remaining / (ulong)Math.Max(minItemLength, 1))
        {
            throw new MoneroFormatException(
                $"Truncated or bad count ({what}) at byte {start}: {count} item(s) cannot fit in the {Remaining} byte(s) left.");
        }

        return (int)count;
    }

    /// <summary>Exactly <paramref name="length"/> bytes, copied.</summary>
    public byte[] ReadBytes(int length, string what)
    {
        Require(length, what);
        var bytes = _data.Slice(Position, length).ToArray();
        Position += length;
        return bytes;
    }

    /// <summary>A 32-byte key, hash, or scalar, copied.</summary>
    public byte[] Read32(string what) => ReadBytes(32, what);

    /// <summary>A little-endian 64-bit integer.</summary>
    public ulong ReadUInt64LittleEndian(string what) => BitConverter.ToUInt64(ReadBytes(8, what));

    /// <summary>A little-endian 32-bit integer.</summary>
    public uint ReadUInt32LittleEndian(string what) => BitConverter.ToUInt32(ReadBytes(4, what));

    /// <summary>Throws unless every byte was consumed.</summary>
    public readonly void ExpectEnd(string what)
    {
        if (!IsAtEnd)
        {
            throw new MoneroFormatException($"{Remaining} unexpected byte(s) after the {what}, at byte {Position}.");
        }
    }

    private readonly void Require(int length, string what)
    {
        if (Remaining < length)
        {
            throw new MoneroFormatException($"Truncated data: {what} needs {length} byte(s) at byte {Position}, {Remaining} left.");
        }
    }
}
