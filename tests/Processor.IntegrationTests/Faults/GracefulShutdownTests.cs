using Processor.IntegrationTests.Support;

namespace Processor.IntegrationTests.Faults;

/// <summary>
/// A worker stopped by its supervisor (SIGTERM) while a batch's transaction has written and not committed shuts down
/// cleanly, and the next instance finishes the work with the state and output of a run without faults.
/// </summary>
public sealed class GracefulShutdownTests
{
    private const int Events = 600;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task SigtermMidBatch_ExitsCleanlyAndNextInstanceFinishesWithStateAndOutputOfRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("shutdown", Events, ct);
        await scenario.ProduceAsync(ct);
        var config = CounterWorkerConfig.Create(scenario.Topics) with { MaxBatchSize = 100 };
        var state = config.ReadState();

        using (var stopped = WorkerProcess.Start(config with { SlowBatches = new(1, TimeSpan.FromSeconds(60)) }))
        {
            await stopped.SlowBatchStarted.WaitAsync(Timeout, ct);
            stopped.Terminate();
            Assert.Equal(0, await stopped.ExitCodeAsync(Timeout));
            Assert.True(await state.AppliedAsync() < Events, "the stopped worker finished the work: the test hit no batch");
        }

        using (var next = WorkerProcess.Start(config))
        {
            Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the next worker did not finish:\n" + next.Output);
        }

        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }
}
