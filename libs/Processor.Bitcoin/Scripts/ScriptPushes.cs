using System.Buffers.Binary;

namespace Processor.Bitcoin.Scripts;

/// <summary>Data pushes inside scripts (opcodes 0x00 to 0x4e): reading the last one, and encoding one.</summary>
public static class ScriptPushes
{
    private const byte OpPushData1 = 0x4c;
    private const byte OpPushData2 = 0x4d;
    private const byte OpPushData4 = 0x4e;

    /// <summary>
    /// Walks every instruction of <paramref name="script"/> from <paramref name="start"/> with rust-bitcoin's minimal-push rules
    /// (<c>instructions_minimal</c>, as Serai reads OP_RETURN data) and returns the data of the last one when it is a push.
    /// False when the last instruction is not a push, when there is none, when a push runs past the end of the script, or
    /// when a push is not minimal: a one-byte push of 0x01..0x10 or 0x81 (an OP_1..OP_16 / OP_1NEGATE), or a PUSHDATA1, 2 or 4
    /// whose length a shorter form could hold.
    /// </summary>
    public static bool TryGetLastPush(ReadOnlySpan<byte> script, int start, out Range data)
    {
        data = default;
        var lastIsPush = false;
        var position = start;
        while (position < script.Length)
        {
            var opcode = script[position++];
            if (opcode > OpPushData4)
            {
                lastIsPush = false;
                continue;
            }

            var lengthSize = opcode switch { OpPushData1 => 1, OpPushData2 => 2, OpPushData4 => 4, _ => 0 };
            if (script.Length - position < lengthSize)
            {
                return false;
            }

            long length = lengthSize switch
            {
                0 => opcode,
                1 => script[position],
                2 => BinaryPrimitives.ReadUInt16LittleEndian(script[position..]),
                _ => BinaryPrimitives.ReadUInt32LittleEndian(script[position..]),
            };
            position += lengthSize;
            if (length > script.Length - position || IsNonMinimal(lengthSize, length, script[position..]))
            {
                return false;
            }

            data = position..(position + (int)length);
            position += (int)length;
            lastIsPush = true;
        }

        return lastIsPush;
    }

    private static bool IsNonMinimal(int lengthSize, long length, ReadOnlySpan<byte> data) => lengthSize switch
    {
        0 => length == 1 && data[0] is (>= 0x01 and <= 0x10) or 0x81,
        1 => length < OpPushData1,
        2 => length <= byte.MaxValue,
        _ => length <= ushort.MaxValue,
    };

    /// <summary>The smallest direct or PUSHDATA encoding of <paramref name="data"/> (no small-integer opcodes, as in OP_RETURN data).</summary>
    public static byte[] Push(ReadOnlySpan<byte> data) => data.Length switch
    {
        < OpPushData1 => [(byte)data.Length, .. data],
        <= byte.MaxValue => [OpPushData1, (byte)data.Length, .. data],
        <= ushort.MaxValue => [OpPushData2, (byte)data.Length, (byte)(data.Length >> 8), .. data],
        _ => throw new ArgumentException($"A {data.Length}-byte push exceeds this encoder's 65,535-byte limit.", nameof(data)),
    };
}
