using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Blocks;

/// <summary>
/// A block: header and transactions, parsed strictly from its serialized bytes, which it keeps (transactions are slices of
/// them). Parsing checks the format and size limits; <see cref="Verify"/> checks the commitments (merkle root, witness
/// commitment, coinbase position and, where the chain uses SHA-256d, proof of work).
/// </summary>
public sealed class Block
{
    /// <summary>Consensus limit on block weight (which also bounds its size in bytes).</summary>
    public const int MaxWeight = 4_000_000;

    /// <summary>No serialized block can be larger than its weight limit.</summary>
    public const int MaxSize = MaxWeight;

    // version, one input (41), no outputs, lock time: nothing smaller parses as a transaction.
    private const int MinTransactionSize = 4 + 1 + 41 + 1 + 4;

    private Block(ReadOnlyMemory<byte> serialized, BlockHeader header, Transaction[] transactions)
    {
        Serialized = serialized;
        Header = header;
        Transactions = ImmutableCollectionsMarshal.AsImmutableArray(transactions);
        StrippedSize = Size - transactions.Sum(t => t.Size - t.StrippedSize);
    }

    public BlockHeader Header { get; }

    /// <summary>The block id: SHA-256d of the header.</summary>
    public Hash256 Hash => Header.Hash;

    public ImmutableArray<Transaction> Transactions { get; }

    public ReadOnlyMemory<byte> Serialized { get; }

    public int Size => Serialized.Length;

    /// <summary>Size without any witness data.</summary>
    public int StrippedSize { get; }

    /// <summary>BIP141 weight: stripped size × 3 + total size.</summary>
    public int Weight => StrippedSize * 3 + Size;

    /// <summary>Parses a whole block; bytes after the last transaction, or a block over the size or weight limit, are errors.</summary>
    public static Block Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxSize)
        {
            throw new BitcoinFormatException($"Oversized block: {bytes.Length} bytes exceeds the {MaxSize}-byte limit", 0);
        }

        var reader = new BitcoinReader(bytes);
        var header = BlockHeader.Parse(reader.ReadSpan(BlockHeader.Size, "block header"));
        var countOffset = reader.Position;
        var transactions = new Transaction[reader.ReadLength("transaction count", MinTransactionSize)];
        if (transactions.Length == 0)
        {
            throw new BitcoinFormatException("Block without transactions (it needs at least its coinbase)", countOffset);
        }

        for (var i = 0; i < transactions.Length; i++)
        {
            transactions[i] = Transaction.Read(ref reader);
        }

        reader.EnsureEnd("block");
        var block = new Block(bytes, header, transactions);
        return block.Weight <= MaxWeight
            ? block
            : throw new BitcoinFormatException($"Oversized block: weight {block.Weight} exceeds the {MaxWeight} limit", 0);
    }

    /// <summary>Parses a block from its hex serialization (as <c>getblock HASH 0</c> returns it).</summary>
    public static Block ParseHex(string hex) => Parse(HexInput.Decode(hex, "block"));

    /// <summary>The merkle root of the txids, and whether the transaction list is a CVE-2012-2459 mutation.</summary>
    public Hash256 ComputeMerkleRoot(out bool mutated)
    {
        var txids = new Hash256[Transactions.Length];
        for (var i = 0; i < txids.Length; i++)
        {
            txids[i] = Transactions[i].Txid;
        }

        return MerkleTree.ComputeRoot(txids, out mutated);
    }

    /// <summary>
    /// Checks what the header and the coinbase commit to: exactly one coinbase and it first; the merkle root of the txids
    /// (not mutated); the BIP141 witness commitment; and the proof of work when <paramref name="network"/> uses SHA-256d.
    /// </summary>
    /// <exception cref="BlockVerificationException">A check failed; the message says which.</exception>
    public void Verify(BitcoinNetwork network)
    {
        if (!Transactions[0].IsCoinbase)
        {
            throw new BlockVerificationException(Hash, "the first transaction is not a coinbase");
        }

        var extraCoinbase = Transactions.Skip(1).Select((t, i) => (t, i: i + 1)).FirstOrDefault(x => x.t.IsCoinbase);
        if (extraCoinbase.t is not null)
        {
            throw new BlockVerificationException(Hash, $"transaction {extraCoinbase.i} is a second coinbase");
        }

        var root = ComputeMerkleRoot(out var mutated);
        if (root != Header.MerkleRoot)
        {
            throw new BlockVerificationException(Hash, $"merkle root of the txids is {root}, the header says {Header.MerkleRoot}");
        }

        if (mutated)
        {
            throw new BlockVerificationException(Hash, "the transaction list is mutated (duplicate merkle siblings, CVE-2012-2459)");
        }

        var witness = WitnessCommitment.Check(this);
        if (witness is not (WitnessCommitmentStatus.Valid or WitnessCommitmentStatus.NotPresent))
        {
            throw new BlockVerificationException(Hash, $"witness commitment check failed: {witness}");
        }

        if (network.ProofOfWorkIsSha256 && !Header.MeetsProofOfWorkTarget())
        {
            throw new BlockVerificationException(Hash, $"the hash does not meet the proof-of-work target of bits 0x{Header.Bits:x8}");
        }
    }
}
