using Processor.Monero.Crypto;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;

namespace Processor.Monero.Blocks;

/// <summary>
/// A block as monerod serializes it (<c>get_block</c>'s blob): header, the miner transaction, and the ids of the other
/// transactions (their bodies come separately).
/// </summary>
public sealed record MoneroBlock(BlockHeader Header, MoneroTransaction MinerTransaction, IReadOnlyList<byte[]> TransactionHashes)
{
    /// <summary>Parses exactly one block; throws <see cref="MoneroFormatException"/> naming what is wrong.</summary>
    public static MoneroBlock Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new MoneroReader(bytes);
        var header = BlockHeader.Read(ref reader);
        MoneroTransaction miner;
        try
        {
            miner = MoneroTransaction.Read(ref reader);
        }
        catch (MoneroFormatException e)
        {
            throw new MoneroFormatException($"In the block's miner transaction: {e.Message}", e);
        }

        if (!miner.IsCoinbase)
        {
            throw new MoneroFormatException("The block's miner transaction does not have exactly one coinbase input.");
        }

        var count = reader.ReadCount("block transaction count", 32);
        var hashes = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            hashes[i] = reader.Read32($"block transaction hash {i}");
        }

        reader.ExpectEnd("block");
        return new MoneroBlock(header, miner, hashes);
    }

    /// <summary>Parses a block from hex.</summary>
    public static MoneroBlock ParseHex(string hex) => Parse(Convert.FromHexString(hex));

    /// <summary>The exact serialization.</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        Header.Write(writer);
        MinerTransaction.Write(writer);
        writer.WriteVarint((ulong)TransactionHashes.Count);
        foreach (var hash in TransactionHashes)
        {
            writer.WriteBytes(hash);
        }

        return writer.ToArray();
    }

    /// <summary>The block's height, from its miner transaction's coinbase input.</summary>
    public ulong Height => ((GenerationInput)MinerTransaction.Prefix.Inputs[0]).Height;

    /// <summary>
    /// The hashing blob: header ‖ merkle root of (miner tx id, tx ids…) ‖ varint(transaction count including the miner's).
    /// What proof of work hashes (with RandomX), and what the block id hashes.
    /// </summary>
    public byte[] HashingBlob()
    {
        var writer = new MoneroWriter();
        Header.Write(writer);
        writer.WriteBytes(MerkleTreeHash.Compute([MinerTransaction.Hash(), .. TransactionHashes]));
        writer.WriteVarint((ulong)TransactionHashes.Count + 1);
        return writer.ToArray();
    }

    /// <summary>
    /// The block id: Keccak(varint(blob length) ‖ hashing blob). monerod's special case for mainnet block 202612 (whose id
    /// was fixed by a historical bug) is not reproduced.
    /// </summary>
    public byte[] Hash()
    {
        var blob = HashingBlob();
        return MoneroHash.Keccak(Varint.Encode((ulong)blob.Length), blob);
    }
}
