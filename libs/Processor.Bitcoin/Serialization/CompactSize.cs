using System.Buffers.Binary;

namespace Processor.Bitcoin.Serialization;

/// <summary>Bitcoin's CompactSize integer (1, 3, 5 or 9 bytes), always in its shortest form.</summary>
public static class CompactSize
{
    /// <summary>How many bytes <paramref name="value"/> takes.</summary>
    public static int SizeOf(ulong value) => value switch
    {
        < 0xfd => 1,
        <= 0xffff => 3,
        <= 0xffff_ffff => 5,
        _ => 9,
    };

    /// <summary>Writes <paramref name="value"/> at the start of <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> destination, ulong value)
    {
        switch (value)
        {
            case < 0xfd:
                destination[0] = (byte)value;
                return 1;
            case <= 0xffff:
                destination[0] = 0xfd;
                BinaryPrimitives.WriteUInt16LittleEndian(destination[1..], (ushort)value);
                return 3;
            case <= 0xffff_ffff:
                destination[0] = 0xfe;
                BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], (uint)value);
                return 5;
            default:
                destination[0] = 0xff;
                BinaryPrimitives.WriteUInt64LittleEndian(destination[1..], value);
                return 9;
        }
    }
}
