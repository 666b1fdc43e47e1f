using System.Diagnostics;

namespace Processor.Monero.Serialization;

/// <summary>
/// Monero's varint: an unsigned 64-bit integer in little-endian groups of 7 bits, the high bit of each byte marking that
/// another follows. Reading refuses what monerod refuses: more than 64 bits, and a non-canonical trailing zero group.
/// </summary>
public static class Varint
{
    /// <summary>The most bytes a 64-bit varint takes.</summary>
    public const int MaxLength = 10;

    /// <summary>The number of bytes <paramref name="value"/> takes.</summary>
    public static int Length(ulong value)
    {
        var length = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            length++;
        }

        return length;
    }

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(ulong value, Span<byte> destination)
    {
        var i = 0;
        while (value >= 0x80)
        {
            destination[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[i++] = (byte)value;
        return i;
    }

    /// <summary>The encoding of <paramref name="value"/>.</summary>
    public static byte[] Encode(ulong value)
    {
        var bytes = new byte[Length(value)];
        Write(value, bytes);
        return bytes;
    }

    /// <summary>
    /// Reads a varint at the start of <paramref name="source"/>; returns the bytes consumed. Throws
    /// <see cref="MoneroFormatException"/> naming <paramref name="what"/> when it is truncated, too long or non-canonical.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> source, out ulong value, string what = "varint")
    {
        value = 0;
        for (var i = 0; i < MaxLength; i++)
        {
            if (i >= source.Length)
            {
                throw new MoneroFormatException($"Truncated varint ({what}): the data ends after {i} byte(s).");
            }

            var group = (ulong)(source[i] & 0x7F);

            // The tenth byte holds bit 63 only, and cannot announce an eleventh.
            if (i == MaxLength - 1 && source[i] > 1)
            {
                throw new MoneroFormatException($"Bad varint ({what}): it exceeds 64 bits.");
            }

            value |= group << (7 * i);
            if ((source[i] & 0x80) == 0)
            {
                if (i > 0 && source[i] == 0)
                {
                    throw new MoneroFormatException($"Bad varint ({what}): non-canonical encoding (a trailing zero byte).");
                }

                return i + 1;
            }
        }

        throw new UnreachableException("The tenth byte either ends the varint or is refused.");
    }
}
