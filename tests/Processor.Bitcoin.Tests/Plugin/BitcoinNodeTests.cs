using System.Security.Cryptography;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Rpc;
using Processor.Embedded.Litecoin;
using Processor.Networks;
using Processor.Testing.Litecoin;

namespace Processor.Bitcoin.Tests.Plugin;

/// <summary>The Bitcoin plug-in's node primitives against the shared litecoind regtest node (no assumption about heights).</summary>
public sealed class BitcoinNodeTests
{
    private static LitecoinNode Node => LitecoinRegtest.Node;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static BitcoinNode Plugin => new(Node.Rpc, BitcoinNetwork.LitecoinRegtest);

    [Fact]
    public async Task BlockHeaders_LinkToTheirParents_AndAHeightAboveTheTipIsNull()
    {
        await Node.MineAsync(2, cancellationToken: Cancel);
        var tip = await Plugin.GetTipHeightAsync(Cancel);

        var top = await Plugin.GetBlockHeaderAsync(tip, Cancel);
        var below = await Plugin.GetBlockHeaderAsync(tip - 1, Cancel);

        Assert.NotNull(top);
        Assert.Equal(below!.Id, top.ParentId);
        Assert.Equal(await Node.Rpc.GetBlockHashAsync(tip, Cancel), Plugin.DisplayBlockId(top.Id));
        Assert.True(top.MonotonicTime >= below.MonotonicTime);
        Assert.Null(await Plugin.GetBlockHeaderAsync(tip + 1_000, Cancel));
        Assert.Empty((await Plugin.GetBlockHeaderAsync(0, Cancel))!.ParentId);
    }

    [Fact]
    public async Task Position_OfABestChainBlock_OfAnUnknownBlock()
    {
        var tip = (await Plugin.GetBlockHeaderAsync(await Plugin.GetTipHeightAsync(Cancel), Cancel))!;

        Assert.Equal(BlockPosition.OnBestChain, await Plugin.GetPositionAsync(tip.Id, Cancel));
        Assert.Equal(BlockPosition.Unknown, await Plugin.GetPositionAsync(RandomNumberGenerator.GetBytes(32), Cancel));
    }

    [Fact]
    public async Task NodeOfAnotherNetwork_IsRefused()
    {
        await Plugin.EnsureConfiguredChainAsync(Cancel);

        var error = await Assert.ThrowsAsync<WrongChainException>(() => new BitcoinNode(Node.Rpc, BitcoinNetwork.Regtest).EnsureConfiguredChainAsync(Cancel));

        Assert.Contains("the node serves another chain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishingATransactionTheNodeAlreadyHas_Succeeds_AndItsBlockGivesAFeeRate()
    {
        var before = await Plugin.GetTipHeightAsync(Cancel);
        var txid = await Node.SendAsync(await Node.GetNewAddressAsync(Cancel), 10_000_000, cancellationToken: Cancel);
        var transaction = await Node.Rpc.GetRawTransactionAsync(txid, Cancel);

        await Plugin.PublishTransactionAsync(transaction, Cancel);
        await Node.MineAsync(1, cancellationToken: Cancel);
        await Plugin.PublishTransactionAsync(transaction, Cancel);

        // Other tests share the node and may mine as well: the transaction is in one of the blocks since the start.
        ChainBlock? holding = null;
        for (var height = before + 1; height <= await Plugin.GetTipHeightAsync(Cancel) && holding is null; height++)
        {
            var block = (await Plugin.GetBlockHeaderAsync(height, Cancel))!;
            var fetched = BitcoinBlock.From(await Plugin.GetBlockAsync(block, Cancel));
            holding = fetched.Block.Transactions.Any(t => t.Txid == Hash256.Parse(txid)) ? block : null;
        }

        Assert.NotNull(holding);
        Assert.True(await new BitcoinFeeRates(Node.Rpc).FeeRateOfAsync(holding, Cancel) >= BitcoinFeeRates.MinimumSatoshisPerVbyte);
    }

    [Fact]
    public void NodeErrors_UnreachableIsTransient_RejectedIsNot()
    {
        var errors = new BitcoinNodeErrors();

        Assert.True(errors.IsTransient(new BitcoinRpcException(RpcErrorKind.Transient, "getblockcount", "unreachable")));
        Assert.False(errors.IsTransient(new BitcoinRpcException(RpcErrorKind.Rejected, "sendrawtransaction", "bad-txns")));
        Assert.False(errors.IsTransient(new InvalidOperationException("not a node failure")));
    }
}
