using System.Buffers.Binary;

namespace Processor.Serai.Scale;

/// <summary>
/// Reads SCALE strictly, as Rust's parity-scale-codec does (serai-chain-formats.md §1): compact lengths must use their
/// canonical mode, enum indices and Option tags must be declared, bounded vectors must respect their bound, and running out
/// of input is an error. Every violation is a <see cref="ScaleDecodingException"/> naming the problem and its offset.
/// </summary>
public ref struct ScaleReader(ReadOnlySpan<byte> input)
{
    private readonly ReadOnlySpan<byte> _input = input;

    /// <summary>Offset of the next byte to read.</summary>
    public int Position { get; private set; }

    /// <summary>Bytes not read yet.</summary>
    public readonly int Remaining => _input.Length - Position;

    public byte ReadByte() => Take(1)[0];

    public uint ReadU32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadU64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A fixed array of <paramref name="length"/> bytes.</summary>
    public ReadOnlySpan<byte> ReadBytes(int length) => Take(length);

    /// <summary>A <c>Compact&lt;u32&gt;</c> (what every SCALE length is), rejecting non-canonical modes.</summary>
    public uint ReadCompactU32()
    {
        var start = Position;
        var mode = Peek(1)[0] & 3;
        switch (mode)
        {
            case 0:
                return (uint)(ReadByte() >> 2);
            case 1:
                var twoByte = (uint)(BinaryPrimitives.ReadUInt16LittleEndian(Take(2)) >> 2);
                return twoByte > ScaleCompact.MaxSingleByte ? twoByte : throw NonCanonical("two-byte", twoByte, start);
            case 2:
                var fourByte = ReadU32() >> 2;
                return fourByte > ScaleCompact.MaxTwoByte ? fourByte : throw NonCanonical("four-byte", fourByte, start);
            default:
                var length = (_input[Position] >> 2) + 4;
                if (length != 4)
                {
                    throw new ScaleDecodingException($"compact out of range for u32 (big-integer mode with {length} bytes) at offset {start}");
                }

                Position++;
                var big = ReadU32();
                return big > ScaleCompact.MaxFourByte ? big : throw NonCanonical("big-integer", big, start);
        }
    }

    /// <summary>A <c>BoundedVec&lt;u8, bound&gt;</c> (or a <c>Vec&lt;u8&gt;</c> with the bound of its type); <paramref name="type"/> names it in errors.</summary>
    public byte[] ReadBoundedBytes(int bound, string type)
    {
        var start = Position;
        var length = ReadCompactU32();
        return length <= bound
            ? Take((int)length).ToArray()
            : throw new ScaleDecodingException($"{type} length {length} exceeds its bound {bound} (offset {start})");
    }

    /// <summary>The variant index of an enum with <paramref name="variants"/> variants; <paramref name="type"/> names it in errors.</summary>
    public byte ReadEnumIndex(string type, int variants)
    {
        var start = Position;
        var index = ReadByte();
        return index < variants ? index : throw new ScaleDecodingException($"invalid {type} variant index {index} at offset {start}");
    }

    /// <summary>The tag of an <c>Option</c>: true for Some (01), false for None (00); <paramref name="field"/> names it in errors.</summary>
    public bool ReadOptionTag(string field)
    {
        var start = Position;
        return ReadByte() switch
        {
            0 => false,
            1 => true,
            var tag => throw new ScaleDecodingException($"invalid Option tag {tag} for {field} at offset {start}"),
        };
    }

    /// <summary>For <c>decode_all</c>: the input must be used up.</summary>
    public readonly void EnsureEnd(string type)
    {
        if (Remaining != 0)
        {
            throw new ScaleDecodingException($"{Remaining} byte(s) left over after the {type} at offset {Position}");
        }
    }

    private ReadOnlySpan<byte> Take(int length)
    {
        var bytes = Peek(length);
        Position += length;
        return bytes;
    }

    private readonly ReadOnlySpan<byte> Peek(int length) => length <= Remaining
        ? _input.Slice(Position, length)
        : throw new ScaleDecodingException($"not enough data: need {length} byte(s) at offset {Position}, have {Remaining}");

    private static ScaleDecodingException NonCanonical(string mode, uint value, int offset) =>
        new($"non-canonical compact ({mode} mode for {value}) at offset {offset}");
}
