using System.Buffers;
using System.Buffers.Binary;

namespace Processor.Serai.Scale;

/// <summary>Writes SCALE (serai-chain-formats.md §1): little-endian integers, compact integers, length-prefixed bytes, enum and Option tags.</summary>
public sealed class ScaleWriter
{
    private readonly ArrayBufferWriter<byte> _buffer = new();

    /// <summary>Number of bytes written so far.</summary>
    public int Length => _buffer.WrittenCount;

    public void WriteByte(byte value) => WriteBytes([value]);

    public void WriteU32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Take(4), value);

    public void WriteU64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Take(8), value);

    /// <summary>Bytes as they are, without a length (a fixed array or an already encoded value).</summary>
    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(Take(bytes.Length));

    /// <summary>A compact integer in its canonical (shortest) mode.</summary>
    public void WriteCompact(ulong value)
    {
        switch (value)
        {
            case <= ScaleCompact.MaxSingleByte:
                WriteByte((byte)(value << 2));
                break;
            case <= ScaleCompact.MaxTwoByte:
                BinaryPrimitives.WriteUInt16LittleEndian(Take(2), (ushort)((value << 2) | 1));
                break;
            case <= ScaleCompact.MaxFourByte:
                WriteU32((uint)((value << 2) | 2));
                break;
            default:
                var length = (64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8;
                WriteByte((byte)(((length - 4) << 2) | 3));
                Span<byte> bytes = stackalloc byte[8];
                BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
                WriteBytes(bytes[..length]);
                break;
        }
    }

    /// <summary>A <c>Vec&lt;u8&gt;</c> (or a bounded one): the compact length, then the bytes.</summary>
    public void WriteLengthPrefixed(ReadOnlySpan<byte> bytes)
    {
        WriteCompact((ulong)bytes.Length);
        WriteBytes(bytes);
    }

    /// <summary>The tag of an <c>Option</c>: 01 when a value follows, 00 when none does.</summary>
    public void WriteOptionTag(bool isSome) => WriteByte(isSome ? (byte)1 : (byte)0);

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    private Span<byte> Take(int length)
    {
        var span = _buffer.GetSpan(length)[..length];
        _buffer.Advance(length);
        return span;
    }
}
