using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Testing;

namespace Processor.Ctl.Tests;

/// <summary><c>processorctl status</c>: stored offsets from Postgres, end offsets from the broker, and the lag between them.</summary>
public sealed class StatusTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Status_ShowsZeroLagWhenCaughtUpAndTheLagOfPendingRecordsOtherwise()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("status");
        await topics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var state = new CounterState(counter.Schema);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(100, 10), ct);
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.AppliedAsync() == 100 && await state.UnpublishedAsync() == 0, Timeout));
        }

        var caughtUp = await CtlHarness.RunAsync(["status", .. CtlHarness.Worker(counter)]);
        output.WriteLine(caughtUp.ToString());
        Assert.True(caughtUp.ExitCode == 0, caughtUp.ToString());
        Assert.Contains(caughtUp.Output.Split('\n'), line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            is ["worker", var schema, var group, "started", "0", "0"] && schema == counter.Schema && group == counter.Group);
        var rows = CtlHarness.RowsFor(caughtUp.Output, topics.Input);
        Assert.Equal(topics.Partitions, rows.Count);
        var ends = CtlHarness.EndOffsets(topics.Input, topics.Partitions);
        foreach (var position in await CtlHarness.PositionsAsync(counter))
        {
            // SERVICE TOPIC PARTITION STORED END LAG
            Assert.Contains(rows, cells => cells is [_, _, var p, var stored, var end, "0"] && p == $"{position.Partition}"
                                           && stored == $"{position.NextOffset}" && end == $"{ends[position.Partition]}");
        }

        // The worker is stopped and more records arrive: they show as lag.
        await topics.ProduceAsync(CounterTopics.Increments(50, 10, seed: 99), ct);
        var behind = await CtlHarness.RunAsync(["status", .. CtlHarness.Worker(counter)]);
        output.WriteLine(behind.ToString());
        Assert.True(behind.ExitCode == 0, behind.ToString());
        var lagging = CtlHarness.RowsFor(behind.Output, topics.Input);
        Assert.Equal(50, lagging.Sum(cells => Number(cells[5])));
        // A partition the worker never read shows no stored offset ('-'): all of it (from offset 0 here) is lag.
        Assert.All(lagging, cells => Assert.Equal(Number(cells[4]) - (cells[3] == "-" ? 0 : Number(cells[3])), Number(cells[5])));
    }

    private static long Number(string cell) => long.Parse(cell, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Status_BrokerUnreachable_ShowsUnknownEndOffsetsAndStillThePostgresSide()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("status-nobroker", partitions: 2);
        await topics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var state = new CounterState(counter.Schema);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(40, 4), ct);
            Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 40, Timeout));
        }

        var started = DateTime.UtcNow;
        var result = await CtlHarness.RunAsync(null,
        [
            "status", .. CtlHarness.Worker(counter), "--postgres", PostgresServer.ConnectionString,
            "--bootstrap", $"127.0.0.1:{CtlHarness.UnusedPort()}",
        ]);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30), "status waited too long for the broker");
        Assert.Contains("Kafka broker unreachable", result.Output, StringComparison.Ordinal);
        var rows = CtlHarness.RowsFor(result.Output, topics.Input);
        foreach (var position in await CtlHarness.PositionsAsync(counter))
        {
            Assert.Contains(rows, cells => cells is [_, _, var p, var stored, "?", "?"] && p == $"{position.Partition}"
                                           && stored == $"{position.NextOffset}");
        }
    }

    [Fact]
    public async Task Status_ServicesThatNeverStarted_AreShownAsNotStarted()
    {
        var network = "ctl" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        var existing = (await connection.QueryAsync<string>(
            "SELECT nspname FROM pg_namespace WHERE nspname = ANY(@names)",
            new { names = ServiceCatalog.All.Select(s => s.PostgresSchema).ToArray() })).ToHashSet();

        var result = await CtlHarness.RunAsync("status", "--network", network);
        output.WriteLine(result.ToString());

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var service in ServiceCatalog.All.Where(s => !existing.Contains(s.PostgresSchema)))
        {
            Assert.Contains(result.Output.Split('\n'), line => line.StartsWith(service.Name + " ", StringComparison.Ordinal)
                                                                && line.Contains("not started", StringComparison.Ordinal));
        }
    }
}
