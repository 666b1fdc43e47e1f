using System.Runtime.InteropServices;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Tests.Support;

namespace Processor.Bitcoin.Tests.Blocks;

/// <summary>A well-formed block whose contents were changed fails verification, saying what does not match.</summary>
public sealed class BlockVerificationTests
{
    [Fact]
    public void ChangedMerkleRootInTheHeader_FailsNamingTheMerkleRoot()
    {
        var bytes = RealBlocks.Bytes(RealBlocks.MainnetPreSegwit);
        bytes[36] ^= 1;

        var ex = Assert.Throws<BlockVerificationException>(() => Block.Parse(bytes).Verify(BitcoinNetwork.Mainnet));

        Assert.Contains("merkle root", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedNonce_FailsTheProofOfWorkCheckOnlyWhereItIsSha256()
    {
        var bytes = RealBlocks.Bytes(RealBlocks.MainnetPreSegwit);
        bytes[76] ^= 1;
        var block = Block.Parse(bytes);

        var ex = Assert.Throws<BlockVerificationException>(() => block.Verify(BitcoinNetwork.Mainnet));
        Assert.Contains("proof-of-work", ex.Message, StringComparison.Ordinal);
        block.Verify(BitcoinNetwork.LitecoinRegtest);
    }

    [Fact]
    public void ChangedWitnessData_FailsTheWitnessCommitmentButKeepsTheTxids()
    {
        var original = RealBlocks.Parse(RealBlocks.Testnet924634);
        var segwit = original.Transactions.First(t => t.HasWitness);
        var bytes = original.Serialized.ToArray();
        // The transaction is a slice of the block's buffer; its witness ends just before the 4-byte lock time.
        Assert.True(MemoryMarshal.TryGetArray(segwit.Serialized, out var slice));
        bytes[slice.Offset + slice.Count - 5] ^= 1;

        var changed = Block.Parse(bytes);

        Assert.Equal(original.ComputeMerkleRoot(out _), changed.ComputeMerkleRoot(out _));
        Assert.Equal(WitnessCommitmentStatus.Mismatch, WitnessCommitment.Check(changed));
        var ex = Assert.Throws<BlockVerificationException>(() => changed.Verify(BitcoinNetwork.Testnet));
        Assert.Contains("witness commitment", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicatedLastTransactions_AreReportedAsMutatedEvenThoughTheRootMatches()
    {
        // 9 transactions: duplicating the 9th gives 10 leaves with the same root (CVE-2012-2459).
        var block = RealBlocks.Parse(RealBlocks.MainnetPreSegwit);
        var leaves = block.Transactions.Select(t => t.Txid).Append(block.Transactions[^1].Txid).ToArray();

        var root = MerkleTree.ComputeRoot(leaves, out var mutated);

        Assert.Equal(block.Header.MerkleRoot, root);
        Assert.True(mutated);
    }
}
