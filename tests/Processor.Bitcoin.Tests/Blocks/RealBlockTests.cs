using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Tests.Support;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Tests.Blocks;

/// <summary>Real mainnet and testnet blocks decode, and every id in them is verified against what the header commits to.</summary>
public sealed class RealBlockTests
{
    public static TheoryData<string, int, int> Blocks => new()
    {
        { RealBlocks.Mainnet702861, 2500, 2065 },
        { RealBlocks.MainnetPreSegwit, 9, 0 },
        { RealBlocks.Testnet924634, 15, 1 },
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_DecodesWithTheTransactionCountAndSegwitCount(string file, int transactions, int segwit)
    {
        var block = RealBlocks.Parse(file);

        Assert.Equal(transactions, block.Transactions.Length);
        Assert.Equal(segwit, block.Transactions.Count(t => t.HasWitness));
        Assert.True(block.Transactions[0].IsCoinbase);
        Assert.Equal(block.Size, block.Transactions.Sum(t => t.Size) + BlockHeader.Size + CompactSizeLength(transactions));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_HeaderHashIsTheKnownBlockHashAndMeetsItsTarget(string file, int transactions, int segwit)
    {
        _ = (transactions, segwit);
        var block = RealBlocks.Parse(file);

        Assert.Equal(RealBlocks.ExpectedHash(file), block.Hash);
        Assert.True(block.Header.MeetsProofOfWorkTarget());
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_TxidsRecomputeTheHeadersMerkleRoot(string file, int transactions, int segwit)
    {
        _ = (transactions, segwit);
        var block = RealBlocks.Parse(file);

        var root = block.ComputeMerkleRoot(out var mutated);

        Assert.Equal(block.Header.MerkleRoot, root);
        Assert.False(mutated);
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_WitnessCommitmentMatchesTheWtxidsOrIsAbsentWithoutWitnesses(string file, int transactions, int segwit)
    {
        _ = transactions;
        var block = RealBlocks.Parse(file);

        var expected = segwit > 0 ? WitnessCommitmentStatus.Valid : WitnessCommitmentStatus.NotPresent;
        Assert.Equal(expected, WitnessCommitment.Check(block));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_PassesVerify(string file, int transactions, int segwit)
    {
        _ = (transactions, segwit);
        RealBlocks.Parse(file).Verify(RealBlocks.Network(file));
    }

    [Theory]
    [MemberData(nameof(Blocks))]
    public void RealBlock_EveryTxidEqualsTheHashOfAnIndependentReSerializationWithoutWitnesses(string file, int transactions, int segwit)
    {
        _ = (transactions, segwit);
        foreach (var transaction in RealBlocks.Parse(file).Transactions)
        {
            var stripped = Transaction.Create(
                transaction.Version, [.. transaction.Inputs.Select(i => i.WithWitness(Witness.Empty))], transaction.Outputs, transaction.LockTime);

            Assert.Equal(transaction.StrippedSize, stripped.Size);
            Assert.Equal(BitcoinHashes.DoubleSha256(stripped.Serialized.Span), transaction.Txid);
            Assert.Equal(BitcoinHashes.DoubleSha256(transaction.Serialized.Span), transaction.ComputeWtxid());
        }
    }

    [Fact]
    public void Block702861_KnownFiguresMatch()
    {
        var block = RealBlocks.Parse(RealBlocks.Mainnet702861);

        Assert.Equal(1_381_836, block.Size);
        Assert.True(block.Weight <= Block.MaxWeight);
        Assert.Equal(block.StrippedSize * 3 + block.Size, block.Weight);
        Assert.Equal(block.Weight, block.Transactions.Sum(t => t.Weight) + 4 * (BlockHeader.Size + CompactSizeLength(2500)));
    }

    [Fact]
    public void PreSegwitBlock_HasVersion1AndNoWitnessData()
    {
        var block = RealBlocks.Parse(RealBlocks.MainnetPreSegwit);

        Assert.Equal(1, block.Header.Version);
        Assert.Equal(block.Size, block.StrippedSize);
        Assert.All(block.Transactions, t => Assert.Equal(t.Txid, t.ComputeWtxid()));
    }

    [Fact]
    public void ReSerializingEveryTransaction_GivesTheOriginalBytes()
    {
        var block = RealBlocks.Parse(RealBlocks.Mainnet702861);

        foreach (var transaction in block.Transactions)
        {
            var copy = Transaction.Create(transaction.Version, transaction.Inputs, transaction.Outputs, transaction.LockTime);
            Assert.True(copy.Serialized.Span.SequenceEqual(transaction.Serialized.Span), $"transaction {transaction.Txid}");
        }
    }

    private static int CompactSizeLength(int value) => Serialization.CompactSize.SizeOf((ulong)value);
}
