using Processor.Monero.Blocks;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Tests.Blocks;

public sealed class MoneroBlockTests
{
    /// <summary>Monero's mainnet genesis (also regtest's block 0): header v1, nonce 10000, and the genesis coinbase of cryptonote_config.h.</summary>
    private const string GenesisBlock =
        "010000" + "0000000000000000000000000000000000000000000000000000000000000000" + "10270000"
        + "013c01ff0001ffffffffffff03029b2e4c0281c0b02e7c53291a94d1d0cbff8883f8024f5142ee494ffbbd08807121017767aafcde9be00dcfd098715ebcf7f410daebc582fda69d24a28e9d0bc890d1"
        + "00";

    [Fact]
    public void Genesis_HashesToMainnetGenesisId()
    {
        var block = MoneroBlock.ParseHex(GenesisBlock);
        Assert.Equal("418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3", Convert.ToHexStringLower(block.Hash()));
        Assert.Equal(0UL, block.Height);
        Assert.Equal(10000U, block.Header.Nonce);
        Assert.Empty(block.TransactionHashes);
    }

    [Fact]
    public void Block_ReserializesToTheSameBytes()
    {
        var hashes = Enumerable.Range(0, 3).Select(i => MoneroHash.Keccak([(byte)i])).ToArray();
        var withTransactions = GenesisBlock[..^2] + "03" + string.Concat(hashes.Select(Convert.ToHexStringLower));
        var bytes = Convert.FromHexString(withTransactions);
        var block = MoneroBlock.Parse(bytes);

        Assert.Equal(bytes, block.Serialize());
        Assert.Equal(3, block.TransactionHashes.Count);
    }

    [Fact]
    public void TruncatedBlock_NamesTheField()
    {
        var bytes = Convert.FromHexString(GenesisBlock);
        var error = Assert.Throws<MoneroFormatException>(() => MoneroBlock.Parse(bytes.AsSpan(0, 30)));
        Assert.Contains("previous block id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TreeHash_MatchesMoneroShapeForOddCounts()
    {
        var h = Enumerable.Range(0, 5).Select(i => MoneroHash.Keccak([(byte)i])).ToArray();
        byte[] Pair(byte[] a, byte[] b) => MoneroHash.Keccak(a, b);

        Assert.Equal(h[0], MerkleTreeHash.Compute([h[0]]));
        Assert.Equal(Pair(h[0], h[1]), MerkleTreeHash.Compute([h[0], h[1]]));
        // 3 leaves: the first passes through, the last two are paired.
        Assert.Equal(Pair(h[0], Pair(h[1], h[2])), MerkleTreeHash.Compute([h[0], h[1], h[2]]));
        // 5 leaves: three pass through, the last two are paired, then a complete tree of four.
        Assert.Equal(Pair(Pair(h[0], h[1]), Pair(h[2], Pair(h[3], h[4]))), MerkleTreeHash.Compute(h));
    }
}
