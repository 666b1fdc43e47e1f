using System.Security.Cryptography;

namespace Processor.Bitcoin.Hashing;

/// <summary>The hash functions of Bitcoin: SHA-256d (ids and checksums), and single SHA-256 (BIP340 tagged hashes are in Processor.Crypto).</summary>
public static class BitcoinHashes
{
    /// <summary>SHA-256(SHA-256(data)): txids, block hashes, merkle nodes, base58 checksums.</summary>
    public static Hash256 DoubleSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> first = stackalloc byte[Hash256.Size];
        SHA256.HashData(data, first);
        Span<byte> second = stackalloc byte[Hash256.Size];
        SHA256.HashData(first, second);
        return new Hash256(second);
    }

    /// <summary>SHA-256 of <paramref name="data"/>, as a <see cref="Hash256"/> (BIP341's single-SHA-256 commitments).</summary>
    public static Hash256 Sha256(ReadOnlySpan<byte> data)
    {
        Span<byte> digest = stackalloc byte[Hash256.Size];
        SHA256.HashData(data, digest);
        return new Hash256(digest);
    }
}
