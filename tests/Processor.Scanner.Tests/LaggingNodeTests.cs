using System.Net;
using System.Text.Json.Nodes;
using Processor.Embedded.Litecoin;
using Processor.Scanner.Tests.Support;

namespace Processor.Scanner.Tests;

/// <summary>A node that lags behind the scanner's index is not a reorg: the scanner is unhealthy and waits, never halts.</summary>
public sealed class LaggingNodeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task NodeThatDoesNotKnowTheIndexedBlocksYet_MakesTheScannerWait_ThenItGoesOnWithoutAHalt()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.MineAsync(20, cancellationToken: Cancel);
        bed.StartScanner();
        var caughtUp = await bed.WaitUntilCaughtUpAsync();

        // The scanner now talks to a fresh node of the same network, which has only the genesis block.
        await using var behind = await LitecoinNode.StartAsync(Cancel);
        bed.KillScanner();
        var environment = bed.Environment();
        environment["Bitcoin__Rpc__Url"] = behind.RpcUrl.ToString();
        bed.StartScanner(environment);

        var (status, body) = await bed.WaitForReadinessAsync((s, text) => s == HttpStatusCode.ServiceUnavailable && text.Contains("node is behind", StringComparison.Ordinal));
        Assert.Contains("node is behind: it does not know indexed block", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal((caughtUp, (string?)null), await bed.ProgressAsync());

        // The node catches up with the chain the scanner indexed (and a block more): scanning goes on, nothing halted.
        await bed.Node.MineAsync(1, cancellationToken: Cancel);
        var tip = await bed.Node.GetHeightAsync(Cancel);
        for (var height = 1L; height <= tip; height++)
        {
            var hash = await bed.Node.Rpc.GetBlockHashAsync(height, Cancel);
            var block = await bed.Node.Rpc.CallAsync("getblock", [hash, 0], Cancel);
            await behind.Rpc.CallAsync("submitblock", new JsonArray(block.GetString()), Cancel);
        }

        await bed.WaitForReadinessAsync((s, _) => s == HttpStatusCode.OK);
        Assert.Equal(caughtUp + 1, await bed.WaitUntilCaughtUpAsync());
        Assert.Null((await bed.ProgressAsync()).HaltedReason);
        Assert.Empty(await bed.ReorgAlertsAsync(0));
        await ChainAssert.ExactlyTheNodesChainAsync(await bed.ScannedThroughAsync(caughtUp), caughtUp, bed.Node);
    }
}
