using System.Numerics;
using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Addresses;

/// <summary>Base58 with a 4-byte SHA-256d checksum, as used by legacy (P2PKH and P2SH) addresses.</summary>
public static class Base58Check
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const int ChecksumLength = 4;

    public static string Encode(ReadOnlySpan<byte> payload)
    {
        var checksum = BitcoinHashes.DoubleSha256(payload).ToArray().AsSpan(0, ChecksumLength);
        byte[] bytes = [.. payload, .. checksum];
        var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        var digits = new List<char>();
        while (value > 0)
        {
            value = BigInteger.DivRem(value, 58, out var remainder);
            digits.Add(Alphabet[(int)remainder]);
        }

        digits.AddRange(bytes.TakeWhile(b => b == 0).Select(_ => Alphabet[0]));
        digits.Reverse();
        return new string([.. digits]);
    }

    /// <summary>The payload (version byte and data), after checking the checksum.</summary>
    /// <exception cref="AddressFormatException">Not base58, or the checksum does not match.</exception>
    public static byte[] Decode(string text)
    {
        var value = BigInteger.Zero;
        foreach (var c in text)
        {
            var digit = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (digit < 0)
            {
                throw new AddressFormatException($"'{c}' is not a base58 character.");
            }

            value = value * 58 + digit;
        }

        var leadingZeros = text.TakeWhile(c => c == Alphabet[0]).Count();
        byte[] bytes = [.. new byte[leadingZeros], .. value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true)];
        if (bytes.Length < ChecksumLength + 1)
        {
            throw new AddressFormatException("Base58Check string is too short to hold a checksum.");
        }

        var payload = bytes[..^ChecksumLength];
        if (!BitcoinHashes.DoubleSha256(payload).ToArray().AsSpan(0, ChecksumLength).SequenceEqual(bytes.AsSpan(bytes.Length - ChecksumLength)))
        {
            throw new AddressFormatException("Base58Check checksum does not match.");
        }

        return payload;
    }
}
