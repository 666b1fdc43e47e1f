using Processor.IntegrationTests.Support;

namespace Processor.IntegrationTests.Faults;

/// <summary>
/// A consumer that stops polling for longer than <c>max.poll.interval.ms</c> (a slow batch, a long retry) is put out of
/// its group while it goes on applying what it holds. Its partitions move on, and the stored offsets (locked and fenced
/// in each transaction) keep the stale consumer and the new owner from applying any record twice or skipping one.
/// </summary>
public sealed class StaleConsumerTests
{
    private const int Events = 600;
    private const int MaxPollIntervalMs = 4000;
    private const string MaxPollExceeded = "maximum poll interval";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StaleConsumerMidBatchRacesNewOwnerInAnotherProcess_StateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("stale", Events, ct);
        await scenario.ProduceAsync(ct);
        var config = CounterWorkerConfig.Create(scenario.Topics) with { MaxBatchSize = 100, MaxPollIntervalMs = MaxPollIntervalMs };
        var state = config.ReadState();

        // The stale one holds its batch's transaction open for twice the poll interval; the other joins meanwhile and
        // is given the partitions, whose offset rows the stale transaction still has locked.
        using var stale = WorkerProcess.Start(config with { SlowBatches = new(1, TimeSpan.FromMilliseconds(2 * MaxPollIntervalMs)) });
        await stale.SlowBatchStarted.WaitAsync(Timeout, ct);
        using var owner = WorkerProcess.Start(config);

        Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the workers did not finish:\n" + stale.Output + owner.Output);
        Assert.Contains(MaxPollExceeded, stale.Output, StringComparison.Ordinal);
        Assert.False(stale.HasExited || owner.HasExited, "a worker stopped:\n" + stale.Output + owner.Output);
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }

    [Fact]
    public async Task MaxPollIntervalExpiresDuringLongRetry_StateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("long-retry", Events, ct);
        await scenario.ProduceAsync(ct);
        // Nine transient failures with back-offs doubling from 50 ms up to 2 s: about 7 s without a poll.
        var config = CounterWorkerConfig.Create(scenario.Topics) with
        {
            MaxBatchSize = 100,
            MaxPollIntervalMs = MaxPollIntervalMs,
            MaxRetryBackoff = TimeSpan.FromSeconds(2),
            TransientFailures = 9,
        };
        var state = config.ReadState();

        using (var worker = WorkerProcess.Start(config))
        {
            Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the worker did not finish:\n" + worker.Output);
            Assert.Contains(MaxPollExceeded, worker.Output, StringComparison.Ordinal);
            Assert.False(worker.HasExited, "the worker stopped:\n" + worker.Output);
        }

        Assert.Equal(0, await state.CountAsync("dead_letters"));
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }
}
