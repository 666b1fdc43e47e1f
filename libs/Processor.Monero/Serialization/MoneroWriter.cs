using System.Buffers;
using System.Buffers.Binary;

namespace Processor.Monero.Serialization;

/// <summary>Writes Monero's binary serialization into a growing buffer.</summary>
public sealed class MoneroWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    /// <summary>The bytes written so far (valid until the next write).</summary>
    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    /// <summary>One byte.</summary>
    public MoneroWriter WriteByte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    /// <summary>A varint.</summary>
    public MoneroWriter WriteVarint(ulong value)
    {
        _buffer.Advance(Varint.Write(value, _buffer.GetSpan(Varint.MaxLength)));
        return this;
    }

    /// <summary>Raw bytes.</summary>
    public MoneroWriter WriteBytes(ReadOnlySpan<byte> bytes)
    {
        _buffer.Write(bytes);
        return this;
    }

    /// <summary>A little-endian 64-bit integer.</summary>
    public MoneroWriter WriteUInt64LittleEndian(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    /// <summary>A little-endian 32-bit integer.</summary>
    public MoneroWriter WriteUInt32LittleEndian(uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    /// <summary>A copy of everything written.</summary>
    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();
}
