using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.TestWorker;
using Processor.Testing;

namespace Processor.Ctl.Tests;

/// <summary>
/// <c>processorctl replay</c> against a real counter worker (Postgres + the embedded broker): the plan, the dry run, a
/// partial rewind, and the full rebuild that must change nothing downstream.
/// </summary>
public sealed class ReplayTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ReplayToBeginningWithWipeState_RebuildsStateAndEmitsNothingNewDownstream()
    {
        const int events = 500;
        const int keys = 25;
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("replay");
        var downstreamTopics = topics.Downstream();
        await topics.CreateAsync(ct);
        await downstreamTopics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var downstream = CounterWorkerConfig.Create(downstreamTopics) with { Role = WorkerRoles.Downstream };
        var counterState = new CounterState(counter.Schema);
        var downstreamState = new CounterState(downstream.Schema);

        await using var downstreamWorker = await InProcessCounterWorker.StartAsync(downstream, ct);
        await using var counterWorker = await InProcessCounterWorker.StartAsync(counter, ct);
        await topics.ProduceAsync(CounterTopics.Increments(events, keys), ct);
        Assert.True(await CounterState.EventuallyAsync(
            async () => await counterState.AppliedAsync() == events && await counterState.UnpublishedAsync() == 0
                        && await downstreamState.CountAsync("inbox") == events,
            Timeout), "the counter worker and its downstream consumer did not process every event");

        var countersBefore = await counterState.CountersAsync();
        var changesBefore = await CtlHarness.ChangesSeenAsync(downstream.Schema);
        var outboxBefore = await counterState.CountAsync("outbox");
        Assert.Equal(keys, countersBefore.Count);
        Assert.Equal(events, changesBefore.Count);
        Assert.Equal(events, outboxBefore);
        Assert.All(changesBefore.Values, c => Assert.Equal(1, c.TimesSeen));

        // The replay runs while the counter worker is up.
        var replayStarted = await CtlHarness.DatabaseNowAsync();
        var replay = await CtlHarness.RunAsync(["replay", .. CtlHarness.Worker(counter), "--to-beginning", "--wipe-state"]);
        output.WriteLine(replay.ToString());
        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains($"truncated counters ({keys} rows)", replay.Output, StringComparison.Ordinal);
        Assert.Contains($"truncated inbox ({events} rows)", replay.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated outbox", replay.Output, StringComparison.Ordinal);
        Assert.All(await CtlHarness.PositionsAsync(counter), p => Assert.Equal(1, p.Generation));

        // The running, caught-up worker notices the new generation by itself and re-consumes from the beginning.
        Assert.True(await CounterState.EventuallyAsync(
            async () => await counterState.CountAsync("inbox") == events && await counterState.AppliedAsync() == events
                        && await counterState.UnpublishedAsync() == 0,
            Timeout), "the counter worker did not rebuild its state");

        // Rebuilt, not kept: every inbox row was written after the replay, and the counters equal the originals.
        Assert.True(await CtlHarness.FirstReceivedAsync(counter.Schema) >= replayStarted, "inbox rows predate the replay");
        Assert.Equal(countersBefore, await counterState.CountersAsync());
        Assert.Equal(outboxBefore, await counterState.CountAsync("outbox"));

        // Downstream saw nothing new: its inbox and state are as they were, and the output topic holds no extra record.
        Assert.Equal(events, await downstreamState.CountAsync("inbox"));
        Assert.Equal(changesBefore, await CtlHarness.ChangesSeenAsync(downstream.Schema));
        Assert.Equal(events, CtlHarness.EndOffsets(topics.Output, topics.Partitions).Values.Sum());
        var emitted = CounterTopics.ReadAll(topics.Output, r => r.Count >= events, Timeout);
        Assert.Equal(events, emitted.Select(r => CounterTopics.Header(r, MessageHeaders.EventId)).Distinct().Count());
    }

    [Fact]
    public async Task DryRun_ChangesNothingAndPrintsThePlan()
    {
        const int events = 200;
        const int keys = 10;
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("dryrun");
        await topics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var state = new CounterState(counter.Schema);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(events, keys), ct);
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.AppliedAsync() == events && await state.UnpublishedAsync() == 0, Timeout));
        }

        var positionsBefore = await CtlHarness.PositionsAsync(counter);
        var countsBefore = await CountsAsync(state);

        var dryRun = await CtlHarness.RunAsync(["replay", .. CtlHarness.Worker(counter), "--to-beginning", "--wipe-state", "--dry-run"]);
        output.WriteLine(dryRun.ToString());

        Assert.True(dryRun.ExitCode == 0, dryRun.ToString());
        Assert.Contains("Dry run: nothing was changed.", dryRun.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Committed", dryRun.Output, StringComparison.Ordinal);
        var rows = dryRun.Output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        foreach (var position in positionsBefore)
        {
            // TOPIC PARTITION STORED -> NEW GENERATION(a -> b) SOURCE
            Assert.Contains(rows, cells => cells.Length > 8 && cells[0] == position.Topic && cells[1] == $"{position.Partition}"
                                           && cells[2] == $"{position.NextOffset}" && cells[4] == "0" && cells[5] == "0" && cells[7] == "1");
        }

        Assert.Contains(rows, cells => cells is ["counters", var n] && n == $"{keys}");
        Assert.Contains(rows, cells => cells is ["inbox", var n] && n == $"{events}");
        Assert.DoesNotContain(rows, cells => cells is ["outbox", _] or ["consumer_offsets", _] or ["dead_letters", _]);

        Assert.Equal(positionsBefore, await CtlHarness.PositionsAsync(counter));
        Assert.Equal(countsBefore, await CountsAsync(state));
    }

    [Fact]
    public async Task ToOffset_RewindsOnlyTheSelectedPartitionAndBumpsItsGeneration()
    {
        const int events = 200;
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("tooffset");
        await topics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var state = new CounterState(counter.Schema);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(events, 16), ct);
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.AppliedAsync() == events && await state.UnpublishedAsync() == 0, Timeout));
        }

        var before = await CtlHarness.PositionsAsync(counter);
        var countersBefore = await state.CountersAsync();
        var chosen = before.MaxBy(p => p.NextOffset)!;
        Assert.True(chosen.NextOffset > 5);

        var replay = await CtlHarness.RunAsync(
            ["replay", .. CtlHarness.Worker(counter), "--to-offset", "5", "--topic", topics.Input, "--partition", $"{chosen.Partition}"]);
        output.WriteLine(replay.ToString());

        Assert.True(replay.ExitCode == 0, replay.ToString());
        Assert.Contains($"{topics.Input}[{chosen.Partition}]: {chosen.NextOffset} -> 5 (generation 0 -> 1)", replay.Output, StringComparison.Ordinal);
        var after = await CtlHarness.PositionsAsync(counter);
        Assert.Equal(chosen with { NextOffset = 5, Generation = 1 }, after.Single(p => p.Partition == chosen.Partition));
        Assert.Equal(before.Where(p => p.Partition != chosen.Partition), after.Where(p => p.Partition != chosen.Partition));

        // An offset past the end is kept at the end (seeking past it would make the consumer start over from the beginning).
        var pastEnd = await CtlHarness.RunAsync(
            ["replay", .. CtlHarness.Worker(counter), "--to-offset", "1000000", "--topic", topics.Input, "--partition", $"{chosen.Partition}"]);
        Assert.True(pastEnd.ExitCode == 0, pastEnd.ToString());
        Assert.Contains($"1000000 clamped to the end offset {chosen.NextOffset}", pastEnd.Output, StringComparison.Ordinal);
        Assert.Equal(chosen with { Generation = 2 }, (await CtlHarness.PositionsAsync(counter)).Single(p => p.Partition == chosen.Partition));

        // Re-consuming the rewound records changes nothing: the inbox drops them.
        await CtlHarness.RunAsync(
            ["replay", .. CtlHarness.Worker(counter), "--to-offset", "0", "--topic", topics.Input, "--partition", $"{chosen.Partition}"]);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => (await CtlHarness.PositionsAsync(counter)).Single(p => p.Partition == chosen.Partition).NextOffset == chosen.NextOffset,
                Timeout), "the worker did not re-consume the rewound partition");
        }

        Assert.Equal(countersBefore, await state.CountersAsync());
    }

    [Fact]
    public async Task ToTime_OnTheEmbeddedBroker_FallsBackToTheInbox()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("totime", partitions: 1);
        await topics.CreateAsync(ct);
        var counter = CounterWorkerConfig.Create(topics);
        var state = new CounterState(counter.Schema);
        await using (await InProcessCounterWorker.StartAsync(counter, ct))
        {
            await topics.ProduceAsync(CounterTopics.Increments(30, 3, seed: 1), ct);
            Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 30, Timeout));
            await Task.Delay(1100, ct);
            await topics.ProduceAsync(CounterTopics.Increments(20, 3, seed: 2), ct);
            Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 50, Timeout));
        }

        // Record timestamps are the producer's: the second batch starts at offset 30, more than a second after the first.
        var boundary = await MessageTimeAtAsync(counter.Schema, 30);

        var replay = await CtlHarness.RunAsync(["replay", .. CtlHarness.Worker(counter), "--to-time", boundary.ToString("O")]);
        output.WriteLine(replay.ToString());

        Assert.True(replay.ExitCode == 0, replay.ToString());
        if (!KafkaBroker.IsReal)
        {
            Assert.Contains("inbox (broker gave no offset for the time)", replay.Output, StringComparison.Ordinal);
        }

        Assert.Equal(30, (await CtlHarness.PositionsAsync(counter)).Single().NextOffset);
    }

    private static async Task<DateTime> MessageTimeAtAsync(string schema, long offset)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        return await connection.ExecuteScalarAsync<DateTime>(
            $"SELECT message_time FROM {schema}.inbox WHERE \"offset\" = @offset", new { offset });
    }

    private static async Task<(long Counters, long Inbox, long Outbox)> CountsAsync(CounterState state) =>
        (await state.CountAsync("counters"), await state.CountAsync("inbox"), await state.CountAsync("outbox"));
}
