using System.Buffers.Binary;
using System.Numerics;
using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Blocks;

/// <summary>The 80-byte block header; <see cref="Hash"/> (the block id) is SHA-256d of those bytes.</summary>
public sealed record BlockHeader(
    int Version, Hash256 PreviousBlockHash, Hash256 MerkleRoot, uint Time, uint Bits, uint Nonce, Hash256 Hash)
{
    public const int Size = 80;

    /// <summary>Parses exactly 80 bytes.</summary>
    public static BlockHeader Parse(ReadOnlySpan<byte> header)
    {
        if (header.Length != Size)
        {
            throw new BitcoinFormatException(
                header.Length < Size ? $"Truncated block header: {header.Length} of {Size} bytes" : $"Oversized block header: {header.Length} bytes", 0);
        }

        return new BlockHeader(
            BinaryPrimitives.ReadInt32LittleEndian(header),
            new Hash256(header.Slice(4, 32)),
            new Hash256(header.Slice(36, 32)),
            BinaryPrimitives.ReadUInt32LittleEndian(header[68..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[72..]),
            BinaryPrimitives.ReadUInt32LittleEndian(header[76..]),
            BitcoinHashes.DoubleSha256(header));
    }

    /// <summary>The block time as a UTC instant.</summary>
    public DateTimeOffset Timestamp => DateTimeOffset.FromUnixTimeSeconds(Time);

    /// <summary>
    /// Whether the hash meets the target encoded in <see cref="Bits"/>. Only meaningful for chains whose proof of work is
    /// SHA-256d (see <c>BitcoinNetwork.ProofOfWorkIsSha256</c>; litecoind's is scrypt).
    /// </summary>
    public bool MeetsProofOfWorkTarget()
    {
        var exponent = (int)(Bits >> 24);
        var mantissa = Bits & 0x007f_ffff;
        if ((Bits & 0x0080_0000) != 0 || mantissa == 0)
        {
            return false; // negative or zero target
        }

        var target = exponent <= 3 ? new BigInteger(mantissa >> (8 * (3 - exponent))) : new BigInteger(mantissa) << (8 * (exponent - 3));
        if (target.IsZero || target.GetByteCount(isUnsigned: true) > 32)
        {
            return false;
        }

        var hash = new BigInteger(Hash.ToArray(), isUnsigned: true, isBigEndian: false);
        return hash <= target;
    }
}
