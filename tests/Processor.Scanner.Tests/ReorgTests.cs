using System.Net;
using Processor.Bitcoin.Hashing;
using Processor.Ctl;
using Processor.Scanner.Tests.Support;
using Processor.Testing;

namespace Processor.Scanner.Tests;

/// <summary>
/// Reorganizations made with <c>invalidateblock</c> on a real node: above the finality depth they change nothing that was
/// reported; below it they stop scanning safely until an operator acts and resumes it.
/// </summary>
public sealed class ReorgTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ReorgAboveFinality_ChangesNothingReported()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var groupKey = await bed.PublishKeyAsync(session: 1);
        await bed.WaitForKeyAsync(1);
        var txid = await bed.Node.SendAsync(ScannerTestBed.ExternalAddress(groupKey), 200_000_000, [1, 2, 3], Cancel);
        var original = (await bed.Node.MineAsync(1, cancellationToken: Cancel))[0];
        var depositHeight = await bed.Node.GetHeightAsync(Cancel);
        await bed.Node.MineAsync(2, cancellationToken: Cancel);
        await bed.WaitUntilCaughtUpAsync();

        // Not final yet (3 confirmations): the deposit block is replaced, its transaction mined again in the new branch.
        await bed.Node.InvalidateBlockAsync(original, Cancel);
        await bed.Node.MineAsync(7, cancellationToken: Cancel);
        var finalHeight = await bed.WaitUntilCaughtUpAsync() - 1;

        var events = await bed.ScannedThroughAsync(finalHeight);
        await ChainAssert.ExactlyTheNodesChainAsync(events, finalHeight, bed.Node);
        var withOutputs = Assert.Single(events, e => e.Message.Outputs.Count > 0).Message;
        Assert.Equal((ulong)depositHeight, withOutputs.Height);
        Assert.NotEqual(original, new Hash256(withOutputs.Hash.Span).ToString());
        Assert.Equal(Hash256.Parse(txid).ToArray(), Assert.Single(Assert.Single(withOutputs.Outputs).Outputs).Id.Txid.ToByteArray());
        Assert.Null((await bed.ProgressAsync()).HaltedReason);
        Assert.Empty(await bed.ReorgAlertsAsync(0));
    }

    [Fact]
    public async Task ReorgOfAFinalizedBlock_HaltsSafely_ReportsWhatIsAffected_AndResumesAfterTheOperatorActs()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var groupKey = await bed.PublishKeyAsync(session: 1);
        await bed.WaitForKeyAsync(1);
        var txid = await bed.Node.SendAsync(ScannerTestBed.ExternalAddress(groupKey), 100_000_000, [9], Cancel);
        var original = (await bed.Node.MineAsync(8, cancellationToken: Cancel))[0];
        var depositHeight = await bed.Node.GetHeightAsync(Cancel) - 7;
        var indexedUpTo = await bed.WaitUntilCaughtUpAsync() - 1;
        Assert.Equal(depositHeight + 2, indexedUpTo);

        // The deposit block is final (8 confirmations) and reported; the node now moves to a longer branch without it.
        await bed.Node.InvalidateBlockAsync(original, Cancel);
        await bed.Node.MineAsync(12, cancellationToken: Cancel);
        var reason = await bed.WaitUntilHaltedAsync();

        Assert.Contains($"finalized block {depositHeight} ({original}) was reorganized away", reason, StringComparison.Ordinal);
        var (status, body) = await bed.WaitForReadinessAsync((s, _) => s == HttpStatusCode.ServiceUnavailable);
        Assert.Contains("halted: finalized block", body, StringComparison.Ordinal);
        var alert = Assert.Single(await bed.ReorgAlertsAsync(1)).Message;
        Assert.Equal((ulong)depositHeight, alert.ForkHeight);
        Assert.Equal([(ulong)depositHeight, (ulong)depositHeight + 1, (ulong)depositHeight + 2], alert.AffectedBlocks.Select(b => b.Height));
        Assert.Equal(original, new Hash256(alert.AffectedBlocks[0].IndexedHash.Span).ToString());
        // The node's block at each height when the scanner looked: none if the new branch was not that long yet.
        Assert.All(alert.AffectedBlocks, b => Assert.True(b.CurrentHash.IsEmpty || b.CurrentHash != b.IndexedHash));
        var affected = Assert.Single(alert.AffectedOutputs);
        Assert.Equal(Hash256.Parse(txid).ToArray(), affected.Txid.ToByteArray());
        Assert.Empty(alert.AffectedBatchIds);

        // Halted, not crashed: the process runs, health says why, and nothing past the fork is scanned.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.False(bed.ScannerHasExited);
        Assert.Equal(indexedUpTo + 1, (await bed.ProgressAsync()).NextHeight);
        Assert.Equal((ulong)indexedUpTo, (await bed.ScannedThroughAsync(indexedUpTo))[^1].Message.Height);

        // The halt is state, not memory: a restarted scanner stays halted (and up) until an operator resumes it.
        bed.KillScanner();
        bed.StartScanner();
        await bed.WaitForReadinessAsync((s, text) => s == HttpStatusCode.ServiceUnavailable && text.Contains("halted: finalized block", StringComparison.Ordinal));
        Assert.False(bed.ScannerHasExited);
        Assert.Equal(indexedUpTo + 1, (await bed.ProgressAsync()).NextHeight);

        // The operator restores the chain the scanner finalized, then resumes it.
        await bed.Node.InvalidateBlockAsync(await bed.Node.Rpc.GetBlockHashAsync(depositHeight, Cancel), Cancel);
        await bed.Node.ReconsiderBlockAsync(original, Cancel);
        var resume = await RunCtlAsync("scanner", "resume", "--schema", bed.Schema, "--postgres", PostgresServer.ConnectionString);
        Assert.Equal(0, resume.ExitCode);
        Assert.Contains($"Resumed the scanner ({bed.Schema}) at height {indexedUpTo + 1}", resume.Output, StringComparison.Ordinal);

        await bed.Node.MineAsync(3, cancellationToken: Cancel);
        var finalHeight = await bed.WaitUntilCaughtUpAsync() - 1;
        await bed.WaitForReadinessAsync((s, _) => s == HttpStatusCode.OK);
        Assert.Null((await bed.ProgressAsync()).HaltedReason);
        var events = await bed.ScannedThroughAsync(finalHeight);
        await ChainAssert.ExactlyTheNodesChainAsync(events, finalHeight, bed.Node);
        Assert.Single(events, e => e.Message.Outputs.Count > 0);
        Assert.Single(await bed.ReorgAlertsAsync(1));

        var again = await RunCtlAsync("scanner", "resume", "--schema", bed.Schema, "--postgres", PostgresServer.ConnectionString);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("is not halted; nothing to resume", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resume_OfASchemaWithoutScannerState_FailsWithAClearMessage()
    {
        var schema = PostgresServer.CreateSchemaName("none");

        var result = await RunCtlAsync("scanner", "resume", "--schema", schema, "--postgres", PostgresServer.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"No scanner state in schema '{schema}'", result.Error, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunCtlAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(args, output, error, _ => null, Cancel);
        return (exitCode, output.ToString(), error.ToString());
    }
}
