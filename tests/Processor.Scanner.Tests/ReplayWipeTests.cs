using Dapper;
using Npgsql;
using Processor.Ctl;
using Processor.Scanner.Tests.Support;
using Processor.Testing;

namespace Processor.Scanner.Tests;

/// <summary><c>processorctl replay scanner --to-beginning --wipe-state</c> against a running scanner.</summary>
public sealed class ReplayWipeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WipeOfARunningScanner_RebuildsTheSameStateAndEvents_WithoutRestartingIt()
    {
        await using var bed = await ScannerTestBed.StartAsync();
        await bed.Node.FundWalletAsync(Cancel);
        bed.StartScanner();
        var groupKey = await bed.PublishKeyAsync(session: 1);
        await bed.WaitForKeyAsync(1);
        await bed.Node.SendAsync(ScannerTestBed.ExternalAddress(groupKey), 120_000_000, [7, 7], Cancel);
        await bed.Node.MineAsync(ScannerTestBed.Confirmations, cancellationToken: Cancel);
        var caughtUp = await bed.WaitUntilCaughtUpAsync();
        var before = await StateAsync(bed.Schema);
        var eventsBefore = (await bed.ScannedThroughAsync(caughtUp - 1)).DistinctBy(e => e.EventId).ToList();
        Assert.Single(before.Outputs);

        var replay = await RunCtlAsync(
            "replay", "scanner", "--to-beginning", "--wipe-state", "--schema", bed.Schema, "--group", "group-" + bed.Schema,
            "--postgres", PostgresServer.ConnectionString, "--bootstrap", KafkaBroker.BootstrapServers, "--network", bed.Network);
        Assert.True(replay.ExitCode == 0, replay.Output + replay.Error);

        // The same process rebuilds from the start height: the key comes back from the replayed topic, whenever it does.
        await bed.WaitForKeyAsync(1);
        Assert.Equal(caughtUp, await bed.WaitUntilCaughtUpAsync());
        await bed.WaitUntilKeysCaughtUpAsync();
        Assert.False(bed.ScannerHasExited);
        Assert.Equal(before, await StateAsync(bed.Schema));

        // Nothing new was published: the rebuilt parts have the ids (and so the content) of the first run.
        var eventsAfter = (await bed.ScannedThroughAsync(caughtUp - 1)).DistinctBy(e => e.EventId).ToList();
        Assert.Equal(eventsBefore.Select(e => (e.EventId, e.Message)), eventsAfter.Select(e => (e.EventId, e.Message)));
    }

    /// <summary>The scanner's derived state, in a comparable form.</summary>
    private static async Task<ScannerState> StateAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        var blocks = await connection.QueryAsync<string>(
            $"SELECT height || ':' || encode(hash, 'hex') || ':' || encode(parent_hash, 'hex') FROM {schema}.blocks ORDER BY height");
        var outputs = await connection.QueryAsync<string>(
            $"""
            SELECT encode(txid, 'hex') || ':' || vout || ':' || height || ':' || session || ':' || kind || ':' || amount || ':'
                   || encode(instruction, 'hex') || ':' || encode(origin, 'hex')
            FROM {schema}.outputs ORDER BY txid, vout
            """);
        var keys = await connection.QueryAsync<string>(
            $"SELECT session || ':' || coalesce(activation_height::text, '-') FROM {schema}.keys ORDER BY session");
        return new ScannerState(string.Join('\n', blocks), [.. outputs], string.Join('\n', keys));
    }

    private sealed record ScannerState(string Blocks, IReadOnlyList<string> Outputs, string Keys)
    {
        public bool Equals(ScannerState? other) =>
            other is not null && Blocks == other.Blocks && Outputs.SequenceEqual(other.Outputs) && Keys == other.Keys;

        public override int GetHashCode() => Blocks.GetHashCode(StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunCtlAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(args, output, error, _ => null, Cancel);
        return (exitCode, output.ToString(), error.ToString());
    }
}
