using System.Text;

namespace Processor.Monero.Addresses;

/// <summary>
/// Monero's base58: the data is cut into 8-byte blocks, each encoded as a big-endian number in exactly 11 characters (a
/// last, shorter block in 2, 3, 5, 6, 7, 9 or 10), so unlike Bitcoin's base58 there is no leading-zero rule and no whole-number
/// conversion. The checksum is the address layer's (<see cref="MoneroAddress"/>).
/// </summary>
public static class MoneroBase58
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int FullBlockBytes = 8;
    private const int FullBlockChars = 11;

    /// <summary>Characters used by a block of 0 to 8 bytes.</summary>
    private static ReadOnlySpan<byte> EncodedBlockLengths => [0, 2, 3, 5, 6, 7, 9, 10, 11];

    /// <summary>The encoding of <paramref name="data"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var text = new StringBuilder((data.Length / FullBlockBytes + 1) * FullBlockChars);
        Span<char> block = stackalloc char[FullBlockChars];
        for (var start = 0; start < data.Length; start += FullBlockBytes)
        {
            var bytes = data.Slice(start, Math.Min(FullBlockBytes, data.Length - start));
            ulong value = 0;
            foreach (var b in bytes)
            {
                value = (value << 8) | b;
            }

            var length = EncodedBlockLengths[bytes.Length];
            for (var i = length - 1; i >= 0; i--)
            {
                block[i] = Alphabet[(int)(value % 58)];
                value /= 58;
            }

            text.Append(block[..length]);
        }

        return text.ToString();
    }

    /// <summary>The bytes <paramref name="text"/> encodes; throws <see cref="FormatException"/> naming the problem.</summary>
    public static byte[] Decode(string text)
    {
        var lastBlockChars = text.Length % FullBlockChars;
        var lastBlockBytes = EncodedBlockLengths.IndexOf((byte)lastBlockChars);
        if (lastBlockBytes < 0)
        {
            throw new FormatException($"Not Monero base58: a length of {text.Length} characters leaves an impossible last block of {lastBlockChars}.");
        }

        var output = new byte[text.Length / FullBlockChars * FullBlockBytes + lastBlockBytes];
        for (int start = 0, outStart = 0; start < text.Length; start += FullBlockChars, outStart += FullBlockBytes)
        {
            var chars = text.AsSpan(start, Math.Min(FullBlockChars, text.Length - start));
            var byteCount = chars.Length == FullBlockChars ? FullBlockBytes : lastBlockBytes;
            UInt128 value = 0;
            foreach (var c in chars)
            {
                var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
                if (digit < 0)
                {
                    throw new FormatException($"Not Monero base58: '{c}' is not in the alphabet.");
                }

                value = value * 58 + (uint)digit;
            }

            if (byteCount < FullBlockBytes ? value >> (8 * byteCount) != 0 : value > ulong.MaxValue)
            {
                throw new FormatException($"Not Monero base58: the block at character {start} overflows {byteCount} byte(s).");
            }

            for (var i = byteCount - 1; i >= 0; i--)
            {
                output[outStart + i] = (byte)value;
                value >>= 8;
            }
        }

        return output;
    }
}
