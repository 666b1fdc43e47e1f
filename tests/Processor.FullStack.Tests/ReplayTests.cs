using Processor.Contracts;
using Processor.FullStack.Tests.Support;

namespace Processor.FullStack.Tests;

/// <summary>
/// The operator's rebuild during the run (<c>processorctl replay &lt;service&gt; --to-beginning --wipe-state</c> at validator 1,
/// after the fan-out, the whole run behind them): the service re-consumes everything, ends with the same state, and nothing new leaves it.
/// </summary>
[Collection(FullStackDefinition.Name)]
public sealed class ReplayTests(FullStackRuns runs)
{
    [Fact]
    public async Task ReporterReplayedFromTheBeginningWithItsStateWiped_RebuildsIdenticalState_EmitsNothingNew()
    {
        await AssertRebuiltAsync(ServiceCatalog.Reporter);
    }

    [Fact]
    public async Task SchedulerReplayedFromTheBeginningWithItsStateWiped_RebuildsIdenticalState_EmitsNothingNew()
    {
        await AssertRebuiltAsync(ServiceCatalog.Scheduler);
    }

    private async Task AssertRebuiltAsync(ServiceDefinition service)
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.Replay);
        var replay = Assert.Single(run.Replays, r => r.Service == service);

        Assert.Contains("truncated", replay.Output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(replay.Before.Tables.Values, rows => rows.Count > 0);
        var differences = replay.Before.TableDifferences(replay.After);
        Assert.True(differences.Count == 0, $"{service.Name}'s state differs after the replay:\n{string.Join('\n', differences)}");
        Assert.Equal(replay.Before.OutboxRows, replay.After.OutboxRows);
        Assert.Equal(replay.Before.DeadLetters, replay.After.DeadLetters);
        Assert.Equal(replay.EventIdsBefore.Order(), replay.EventIdsAfter.Order());
    }
}
