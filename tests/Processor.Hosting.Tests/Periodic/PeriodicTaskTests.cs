using Microsoft.Extensions.Time.Testing;
using Processor.Hosting.Periodic;

namespace Processor.Hosting.Tests.Periodic;

/// <summary>The periodic-task base on a fake clock: when it runs again after a success, a failure, a trigger and progress.</summary>
public sealed class PeriodicTaskTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(4);

    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FailingRuns_BackOffDoublingUpToTheCap_AndASuccessResetsIt()
    {
        using var task = NewTask().Fails("a").Fails("b").Fails("c").Fails("d").Succeeds().Fails("e");
        await task.StartAsync(Cancel);

        var waits = new List<TimeSpan>();
        for (var run = 1; run <= 6; run++)
        {
            await WaitingAfterRunAsync(task, run);
            var status = task.Status;
            waits.Add(status.NextRun!.Value - status.LastHeartbeat);
            _time.Advance(waits[^1]);
        }

        Assert.Equal([FirstRetry, FirstRetry * 2, MaxRetry, MaxRetry, Interval, FirstRetry], waits);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task FailedRun_IsShownWithItsReason_AndASuccessClearsIt()
    {
        using var task = NewTask().Fails("node unreachable").Fails("node unreachable").Succeeds();
        await task.StartAsync(Cancel);
        await WaitingAfterRunAsync(task, 1);
        _time.Advance(FirstRetry);

        await WaitingAfterRunAsync(task, 2);
        var failing = task.Status;
        Assert.Equal((2, "node unreachable", (DateTimeOffset?)null), (failing.ConsecutiveFailures, failing.LastFailureReason, failing.LastSuccess));

        _time.Advance(FirstRetry * 2);
        await WaitingAfterRunAsync(task, 3);
        var recovered = task.Status;
        Assert.Equal(0, recovered.ConsecutiveFailures);
        Assert.Equal(_time.GetUtcNow(), recovered.LastSuccess);
        Assert.Equal(failing.LastFailure, recovered.LastFailure);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task TriggerNow_WhileWaiting_RunsAtOnce()
    {
        using var task = NewTask().Succeeds();
        await task.StartAsync(Cancel);
        await WaitingAfterRunAsync(task, 1);
        var before = _time.GetUtcNow();

        task.TriggerNow();

        await WaitingAfterRunAsync(task, 2);
        Assert.Equal(before, _time.GetUtcNow());
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task TriggerNow_DuringARun_RunsAgainRightAfterIt()
    {
        var release = new TaskCompletionSource();
        using var task = NewTask().Blocks(release);
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Runs == 1 && task.Status.State == PeriodicTaskState.Running, "the first run under way");

        task.TriggerNow();
        release.SetResult();

        await WaitingAfterRunAsync(task, 2);
        Assert.Equal(2, task.Runs);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task TriggerNow_IsUsedUpByOneRun()
    {
        using var task = NewTask().Succeeds().Succeeds();
        await task.StartAsync(Cancel);
        await WaitingAfterRunAsync(task, 1);

        task.TriggerNow();
        await WaitingAfterRunAsync(task, 2);

        Assert.Equal(_time.GetUtcNow() + Interval, task.Status.NextRun);
        Assert.Equal(2, task.Runs);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task ProgressReportedWithinALongRun_ResetsTheFailures()
    {
        var release = new TaskCompletionSource();
        using var task = NewTask().Fails("x").ReportsProgressThenBlocks(release).Fails("y");
        await task.StartAsync(Cancel);
        await WaitingAfterRunAsync(task, 1);

        _time.Advance(FirstRetry);
        await Eventually.HoldsAsync(() => task.Runs == 2 && task.Status.ConsecutiveFailures == 0, "progress in the second run");
        Assert.Equal(PeriodicTaskState.Running, task.Status.State);
        Assert.Equal(_time.GetUtcNow(), task.Status.LastSuccess);

        release.SetResult();
        await WaitingAfterRunAsync(task, 2);
        _time.Advance(Interval);
        await WaitingAfterRunAsync(task, 3);
        Assert.Equal(FirstRetry, task.Status.NextRun - task.Status.LastHeartbeat);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task Stopping_EndsTheTaskMidWait_AndShowsItStopped()
    {
        using var task = NewTask().Fails("x");
        await task.StartAsync(Cancel);
        await WaitingAfterRunAsync(task, 1);

        await task.StopAsync(Cancel);

        Assert.Equal(PeriodicTaskState.Stopped, task.Status.State);
        Assert.Null(task.Status.NextRun);
    }

    [Fact]
    public async Task Stopping_CancelsARunInProgress()
    {
        using var task = NewTask().Blocks(new TaskCompletionSource());
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.State == PeriodicTaskState.Running, "the run under way");

        await task.StopAsync(Cancel);

        Assert.Equal((PeriodicTaskState.Stopped, 0), (task.Status.State, task.Status.ConsecutiveFailures));
    }

    private ScriptedTask NewTask() => new(new PeriodicSchedule(Interval, FirstRetry, MaxRetry), _time);

    private static Task WaitingAfterRunAsync(ScriptedTask task, int run) => Eventually.HoldsAsync(
        () => task.Runs == run && task.Status is { State: PeriodicTaskState.Waiting, NextRun: not null },
        $"waiting after run {run}");
}
