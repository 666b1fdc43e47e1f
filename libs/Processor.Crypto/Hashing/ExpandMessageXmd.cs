using System.Security.Cryptography;

namespace Processor.Crypto.Hashing;

/// <summary>expand_message_xmd with SHA-256 (RFC 9380 §5.3.1), for RFC 9591's secp256k1 hash_to_field.</summary>
public static class ExpandMessageXmd
{
    private const int HashLength = 32;
    private const int BlockLength = 64;

    /// <summary>
    /// <paramref name="length"/> uniform bytes from <paramref name="message"/> under <paramref name="domain"/> (the DST);
    /// intermediate values are cleared because the message may be secret (FROST nonce derivation).
    /// </summary>
    public static byte[] Sha256(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domain, int length)
    {
        var blocks = (length + HashLength - 1) / HashLength;
        if (blocks > 255 || domain.Length > 255 || length > ushort.MaxValue)
        {
            throw new ArgumentException("expand_message_xmd: output or domain too long.");
        }

        byte[] domainPrime = [.. domain, (byte)domain.Length];
        var prime = new byte[BlockLength + message.Length + 3 + domainPrime.Length];
        message.CopyTo(prime.AsSpan(BlockLength));
        prime[BlockLength + message.Length] = (byte)(length >> 8);
        prime[BlockLength + message.Length + 1] = (byte)length;
        domainPrime.CopyTo(prime.AsSpan(BlockLength + message.Length + 3));

        var b0 = SHA256.HashData(prime);
        CryptographicOperations.ZeroMemory(prime);
        var output = new byte[blocks * HashLength];
        var input = new byte[HashLength + 1 + domainPrime.Length];
        domainPrime.CopyTo(input.AsSpan(HashLength + 1));
        Span<byte> previous = stackalloc byte[HashLength];
        previous.Clear();
        for (var i = 1; i <= blocks; i++)
        {
            for (var j = 0; j < HashLength; j++)
            {
                input[j] = (byte)(b0[j] ^ previous[j]);
            }

            input[HashLength] = (byte)i;
            SHA256.HashData(input, output.AsSpan((i - 1) * HashLength, HashLength));
            output.AsSpan((i - 1) * HashLength, HashLength).CopyTo(previous);
        }

        CryptographicOperations.ZeroMemory(b0);
        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(previous);
        var result = output[..length];
        CryptographicOperations.ZeroMemory(output);
        return result;
    }
}
