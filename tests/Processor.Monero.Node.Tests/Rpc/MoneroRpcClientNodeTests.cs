using Processor.Monero.Blocks;
using Processor.Monero.Rpc;
using Processor.Monero.Transactions;
using Processor.Monero.Testing;

namespace Processor.Monero.Node.Tests.Rpc;

/// <summary>Every call of the monerod client against the shared regtest node.</summary>
public sealed class MoneroRpcClientNodeTests(RegtestFixture chain)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private MoneroRpcClient Rpc => chain.Node.Rpc;

    [Fact]
    public async Task Info_IsRegtestFakechain_WithTheTipOfGetBlockCount()
    {
        var count = await Rpc.GetBlockCountAsync(Cancel);

        var info = await Rpc.GetInfoAsync(Cancel);

        Assert.Equal("fakechain", info.NetworkType);
        Assert.True(info.BlockCount >= count);
        Assert.Equal(info.BlockCount - 1, info.TipHeight);
    }

    [Fact]
    public async Task Mining_AdvancesTheTip_AndReturnsTheNewBlocks()
    {
        var mined = await chain.Node.MineAsync(2, cancellationToken: Cancel);

        var tip = await Rpc.GetBlockAsync(mined.TipHeight, Cancel);
        Assert.Equal(2, mined.Hashes.Count);
        Assert.Equal(mined.Hashes[1], tip.Hash);
        Assert.Equal(mined.Hashes[0], tip.PreviousHash);
        Assert.True(await Rpc.GetBlockCountAsync(Cancel) > mined.TipHeight);
    }

    [Fact]
    public async Task BlockByHeightAndByHash_AreTheSameBlock()
    {
        var byHeight = await Rpc.GetBlockAsync(5, Cancel);

        var byHash = await Rpc.GetBlockAsync(byHeight.Hash, Cancel);

        Assert.Equal(5, byHash.Height);
        Assert.Equal(byHeight.Blob, byHash.Blob);
        Assert.Equal((await Rpc.GetBlockAsync(4, Cancel)).Hash, byHash.PreviousHash);
        Assert.Equal(16, byHash.MajorVersion);
        Assert.Empty(byHash.TransactionHashes);
    }

    [Fact]
    public async Task GenesisBlock_IsMainnetGenesis_UnderVersion1()
    {
        var genesis = await Rpc.GetBlockAsync(0, Cancel);

        Assert.Equal("418015bb9ae982a1975da7d79277c2705727a56894ba0fb246adaabb1f4632e3", genesis.Hash);
        Assert.Equal(1, genesis.MajorVersion);
        Assert.Equal(new string('0', 64), genesis.PreviousHash);
    }

    [Fact]
    public async Task BlockAboveTheTip_IsNotFound_WithoutRetries()
    {
        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => Rpc.GetBlockAsync(10_000_000, Cancel));

        Assert.Equal(MoneroRpcErrorKind.NotFound, error.Kind);
        Assert.Equal(1, error.Attempts);
        Assert.Equal(-2, error.Code);
    }

    [Fact]
    public async Task UnknownBlockHash_IsNotFound()
    {
        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => Rpc.GetBlockAsync(new string('1', 64), Cancel));

        Assert.Equal(MoneroRpcErrorKind.NotFound, error.Kind);
        Assert.Contains("can't get block", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinedPayment_HasItsBytes_BlockHeight_AndGlobalOutputIndices()
    {
        var (txHash, height) = await chain.PayAndMineAsync([(await chain.Bob.GetAddressAsync(Cancel), 1_000_000_000)], Cancel);

        var transaction = (await Rpc.GetTransactionsAsync([txHash], Cancel))[0];
        var block = await Rpc.GetBlockAsync(height, Cancel);

        Assert.Equal(txHash, transaction.Hash);
        Assert.False(transaction.InPool);
        Assert.Contains(txHash, block.TransactionHashes);
        Assert.Equal(2, transaction.OutputIndices.Count);
        Assert.Equal(2, transaction.Blob[0]);
        var outputs = await Rpc.GetOutputsAsync(transaction.OutputIndices, Cancel);
        Assert.All(outputs, o => Assert.Equal(txHash, o.Txid));
        Assert.All(outputs, o => Assert.Equal(height, o.Height));
        Assert.All(outputs, o => Assert.Equal(32, o.Key.Length));
    }

    [Fact]
    public async Task BlockWithAPayment_ParsesAndReserializesToTheNodesBytes_WithTheNodesIds()
    {
        var (txHash, height) = await chain.PayAndMineAsync([(await chain.Bob.GetAddressAsync(Cancel), 3_000_000_000)], Cancel);
        var info = await Rpc.GetBlockAsync(height, Cancel);

        var block = MoneroBlock.Parse(info.Blob);
        var transactions = await Rpc.GetTransactionsAsync([.. info.TransactionHashes, info.MinerTransactionHash], Cancel);

        Assert.Equal(info.Blob, block.Serialize());
        Assert.Equal(info.Hash, Convert.ToHexStringLower(block.Hash()));
        Assert.Equal(info.MinerTransactionHash, Convert.ToHexStringLower(block.MinerTransaction.Hash()));
        Assert.Equal(info.TransactionHashes, block.TransactionHashes.Select(Convert.ToHexStringLower));
        Assert.Contains(txHash, info.TransactionHashes);
        foreach (var transaction in transactions)
        {
            var parsed = MoneroTransaction.Parse(transaction.Blob);
            Assert.Equal(transaction.Hash, Convert.ToHexStringLower(parsed.Hash()));
            Assert.Equal(transaction.Blob, parsed.Serialize());
        }

        var payment = MoneroTransaction.Parse(transactions[info.TransactionHashes.ToList().IndexOf(txHash)].Blob);
        Assert.Equal(RctType.BulletproofPlus, payment.RctBase!.Type);
        Assert.All(payment.Prefix.Inputs, input => Assert.Equal(16, Assert.IsType<KeyInput>(input).RingSize));
    }

    [Fact]
    public async Task UnknownTransaction_IsNotFound_NamingIt()
    {
        var unknown = new string('0', 64);

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => Rpc.GetTransactionsAsync([unknown], Cancel));

        Assert.Equal(MoneroRpcErrorKind.NotFound, error.Kind);
        Assert.Contains(unknown, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MinerTransaction_IsFound_AsTheBytesInItsBlock()
    {
        var block = await Rpc.GetBlockAsync(3, Cancel);

        var miner = (await Rpc.GetTransactionsAsync([block.MinerTransactionHash], Cancel))[0];

        Assert.Equal(3, miner.BlockHeight);
        Assert.Equal([2UL], miner.OutputIndices);
        Assert.True(block.Blob.AsSpan().IndexOf(miner.Blob) > 0);
    }

    [Fact]
    public async Task CoinbaseOutput_IsLockedUntilItsUnlockTime()
    {
        var mined = await chain.Node.MineAsync(1, cancellationToken: Cancel);
        var block = await Rpc.GetBlockAsync(mined.TipHeight, Cancel);
        var coinbase = (await Rpc.GetTransactionsAsync([block.MinerTransactionHash], Cancel))[0];

        var output = (await Rpc.GetOutputsAsync([coinbase.OutputIndices[0]], Cancel))[0];

        Assert.Equal(mined.TipHeight, output.Height);
        Assert.False(output.Unlocked);
        Assert.Equal(32, output.Commitment.Length);
    }

    [Fact]
    public async Task OutputDistribution_CumulativeFromGenesis_CountsOneCoinbasePerBlock()
    {
        var distribution = await Rpc.GetOutputDistributionAsync(0, 10, cumulative: true, Cancel);

        Assert.Equal(0, distribution.StartHeight);
        Assert.Equal([0UL, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], distribution.Distribution);
    }

    [Fact]
    public async Task OutputDistribution_AboveTheTip_IsRejected_SayingWhy()
    {
        var tip = (await Rpc.GetInfoAsync(Cancel)).TipHeight;

        var error = await Assert.ThrowsAsync<MoneroRpcException>(() => Rpc.GetOutputDistributionAsync(0, tip + 1000, cumulative: true, Cancel));

        Assert.Equal(MoneroRpcErrorKind.Rejected, error.Kind);
        Assert.Contains("above the node's tip", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeeEstimate_IsPerWeight_WithTheQuantizationMask()
    {
        var estimate = await Rpc.GetFeeEstimateAsync(Cancel);

        Assert.True(estimate.FeePerWeight > 0);
        Assert.Equal(10_000UL, estimate.QuantizationMask);
        Assert.Equal(4, estimate.FeesPerWeight.Count);
    }

    [Fact]
    public async Task HardFork_IsVersion16_FromHeight1()
    {
        var fork = await Rpc.GetHardForkInfoAsync(Cancel);

        Assert.Equal(16, fork.Version);
        Assert.Equal(1, fork.EarliestHeight);
        Assert.True(fork.Enabled);
    }

    [Fact]
    public async Task GarbageTransaction_IsInvalid_WithTheSanityFlag()
    {
        var broadcast = await Rpc.SendRawTransactionAsync(new byte[] { 0x00, 0xff }, Cancel);

        Assert.Equal(MoneroBroadcastOutcome.Invalid, broadcast.Outcome);
        Assert.False(broadcast.IsSuccess);
        Assert.Contains("sanity_check_failed", broadcast.Flags);
        Assert.Equal("Sanity check failed", broadcast.Reason);
    }

    [Fact]
    public async Task MinedTransactionSentAgain_IsAlreadyKnown_AndItsKeyImagesAreSpent()
    {
        var (txHash, _) = await chain.PayAndMineAsync([(await chain.Bob.GetAddressAsync(Cancel), 2_000_000_000)], Cancel);
        var blob = (await Rpc.GetTransactionsAsync([txHash], Cancel))[0].Blob;

        var broadcast = await Rpc.SendRawTransactionAsync(blob, Cancel);

        Assert.Equal(MoneroBroadcastOutcome.AlreadyKnown, broadcast.Outcome);
        Assert.True(broadcast.IsSuccess);
    }

    [Fact]
    public async Task UnknownKeyImage_IsUnspent()
    {
        var status = await Rpc.GetKeyImageStatusAsync([new byte[32]], Cancel);

        Assert.Equal([MoneroKeyImageStatus.Unspent], status);
    }
}
