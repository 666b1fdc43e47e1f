using Processor.Embedded.Litecoin;
using Processor.Testing.Litecoin;

namespace Processor.Bitcoin.Tests.Rpc;

/// <summary>The regtest fixture itself: it starts a usable node, mines past MWEB activation, reorganizes, and cleans up.</summary>
public sealed class LitecoinNodeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StartedNode_AnswersOnLoopback_WithAWallet_AndDisposeStopsItAndDeletesItsFolder()
    {
        var node = await LitecoinNode.StartAsync(Cancel);
        var pid = node.ProcessId;
        var folder = node.DirectoryPath;
        try
        {
            Assert.Equal(0, await node.GetHeightAsync(Cancel));
            Assert.Equal("127.0.0.1", node.RpcUrl.Host);
            var wallets = await node.Rpc.CallAsync("listwallets", [], Cancel);
            Assert.Equal([LitecoinNode.WalletName], wallets.EnumerateArray().Select(w => w.GetString()));
            Assert.StartsWith("rltc1q", await node.GetNewAddressAsync(Cancel), StringComparison.Ordinal);
        }
        finally
        {
            await node.DisposeAsync();
        }

        Assert.True(node.HasExited);
        Assert.False(Directory.Exists($"/proc/{pid}"));
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Mining_GoesPastTheMwebActivationHeight()
    {
        await using var node = await LitecoinNode.StartAsync(Cancel);

        await node.MineAsync(500, cancellationToken: Cancel);

        Assert.Equal(500, await node.GetHeightAsync(Cancel));
    }

    [Fact]
    public async Task InvalidateBlock_ReorganizesTheChain()
    {
        await using var node = await LitecoinNode.StartAsync(Cancel);
        var original = await node.MineAsync(5, cancellationToken: Cancel);

        await node.InvalidateBlockAsync(original[2], Cancel);
        var replacement = await node.MineAsync(4, cancellationToken: Cancel);

        Assert.Equal(6, await node.GetHeightAsync(Cancel));
        Assert.Equal(-1, (await node.Rpc.GetBlockHeaderAsync(original[4], Cancel)).Confirmations);
        Assert.Equal(replacement[0], await node.Rpc.GetBlockHashAsync(3, Cancel));
        Assert.Equal(original[1], await node.Rpc.GetBlockHashAsync(2, Cancel));
    }

    [Fact]
    public async Task FundedWallet_SendsADepositWithAnOpReturn()
    {
        var node = LitecoinRegtest.Node;
        var address = await node.GetNewAddressAsync(Cancel);

        var txid = await node.SendAsync(address, 150_000_000, [0xde, 0xad, 0xbe, 0xef], Cancel);

        var decoded = await node.Rpc.CallAsync("getrawtransaction", [txid, true], Cancel);
        var outputs = decoded.GetProperty("vout").EnumerateArray().ToList();
        Assert.Contains(outputs, o => o.GetProperty("value").GetDecimal() == 1.5m);
        Assert.Contains(outputs, o => o.GetProperty("scriptPubKey").GetProperty("hex").GetString() == "6a04deadbeef");
    }
}
