using Processor.IntegrationTests.Support;

namespace Processor.IntegrationTests.Faults;

/// <summary>
/// Postgres cancels a statement that runs past <c>statement_timeout</c> (SQLSTATE 57014) more times in a row than a
/// handler may fail: a cancelled statement is a transient failure, retried until it passes, never dead-lettered.
/// </summary>
public sealed class StatementTimeoutTests
{
    private const int Events = 300;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task StatementsCancelledByTimeout_AreRetriedAndStateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("statement-timeout", Events, ct);
        await scenario.ProduceAsync(ct);
        // Five slow batches: more cancellations in a row than the three attempts a failing handler gets.
        var config = CounterWorkerConfig.Create(scenario.Topics) with
        {
            StatementTimeout = TimeSpan.FromMilliseconds(300),
            SlowBatches = new(5, TimeSpan.FromSeconds(2)),
        };
        var state = config.ReadState();

        using (var worker = WorkerProcess.Start(config))
        {
            // Waits for dead letters too, so that a record given up on fails the test at once.
            Assert.True(
                await CounterState.EventuallyAsync(
                    async () => await state.AppliedAsync() + await state.CountAsync("dead_letters") >= Events && await state.UnpublishedAsync() == 0,
                    Timeout),
                "the worker did not finish:\n" + worker.Output);
            Assert.Contains("statement timeout", worker.Output, StringComparison.Ordinal);
        }

        Assert.Equal(0, await state.CountAsync("dead_letters"));
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }
}
