using System.Buffers;
using System.Buffers.Binary;
using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Serialization;

/// <summary>Writes Bitcoin's wire encoding (little-endian integers, CompactSize prefixes) into a growing buffer.</summary>
internal sealed class BitcoinWriter
{
    private readonly ArrayBufferWriter<byte> _buffer;

    public BitcoinWriter(int initialCapacity = 256)
    {
        _buffer = new ArrayBufferWriter<byte>(initialCapacity);
    }

    public int Length => _buffer.WrittenCount;

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public void WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
    }

    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    public void WriteHash(Hash256 hash)
    {
        hash.WriteTo(_buffer.GetSpan(Hash256.Size));
        _buffer.Advance(Hash256.Size);
    }

    /// <summary>A CompactSize length followed by the bytes.</summary>
    public void WriteVarBytes(ReadOnlySpan<byte> bytes)
    {
        WriteCompactSize((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    public void WriteCompactSize(ulong value)
    {
        var span = _buffer.GetSpan(9);
        _buffer.Advance(CompactSize.Write(span, value));
    }
}
