using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;
using Processor.Hosting.Periodic;

namespace Processor.Hosting.Tests.Periodic;

/// <summary>What <c>/health/live</c> and <c>/health/ready</c> say about periodic tasks in each of their conditions.</summary>
public sealed class PeriodicTaskHealthCheckTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HangTimeout = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _time = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SucceedingTask_IsLiveAndReady()
    {
        using var task = NewTask().Succeeds();
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.LastSuccess is not null && task.Status.State == PeriodicTaskState.Waiting, "a success");

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Liveness)).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Readiness)).Status);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task NotStartedTask_IsLiveAndReady()
    {
        using var task = NewTask();

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Liveness)).Status);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Readiness)).Status);
    }

    [Fact]
    public async Task FailingTask_IsLiveButDegraded_AndNotReady_NamingTheReason()
    {
        using var task = NewTask().Fails("the node is unreachable");
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.IsFailing && task.Status.State == PeriodicTaskState.Waiting, "a failure");

        var live = await CheckAsync(task, PeriodicTaskHealthView.Liveness);
        var ready = await CheckAsync(task, PeriodicTaskHealthView.Readiness);

        Assert.Equal(HealthStatus.Degraded, live.Status);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
        Assert.Equal("scripted failing (1 in a row): the node is unreachable", ready.Description);
        Assert.Equal(ready.Description, live.Description);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task RunWithoutSignOfLifeBeyondTheHangTimeout_IsNotLive()
    {
        var release = new TaskCompletionSource();
        using var task = NewTask().Blocks(release);
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.State == PeriodicTaskState.Running, "the run under way");

        _time.Advance(HangTimeout);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Liveness)).Status);

        _time.Advance(TimeSpan.FromSeconds(1));
        var live = await CheckAsync(task, PeriodicTaskHealthView.Liveness);
        Assert.Equal(HealthStatus.Unhealthy, live.Status);
        Assert.Equal("scripted hung: no sign of life for 301 s", live.Description);

        release.SetResult();
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task LongWaitBetweenRuns_IsNotAHang()
    {
        using var task = NewTask(interval: TimeSpan.FromHours(1)).Succeeds();
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.State == PeriodicTaskState.Waiting, "waiting");

        _time.Advance(TimeSpan.FromMinutes(59));

        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(task, PeriodicTaskHealthView.Liveness)).Status);
        await task.StopAsync(Cancel);
    }

    [Fact]
    public async Task StoppedTask_IsNotLive()
    {
        using var task = NewTask().Succeeds();
        await task.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => task.Status.State == PeriodicTaskState.Waiting, "waiting");
        await task.StopAsync(Cancel);

        var live = await CheckAsync(task, PeriodicTaskHealthView.Liveness);

        Assert.Equal((HealthStatus.Unhealthy, "scripted stopped"), (live.Status, live.Description));
    }

    [Fact]
    public async Task EveryTask_IsReported()
    {
        using var working = NewTask().Succeeds();
        using var failing = new ScriptedTask(new PeriodicSchedule(Interval, Interval, Interval, HangTimeout), _time, "other").Fails("down");
        await working.StartAsync(Cancel);
        await failing.StartAsync(Cancel);
        await Eventually.HoldsAsync(() => failing.Status.IsFailing && working.Status.LastSuccess is not null, "both ran");

        var check = new PeriodicTaskHealthCheck([working, failing], _time, PeriodicTaskHealthView.Readiness);
        var result = await check.CheckHealthAsync(new HealthCheckContext(), Cancel);

        Assert.Equal((HealthStatus.Unhealthy, "other failing (1 in a row): down"), (result.Status, result.Description));
        Assert.Equal(["other", "scripted"], result.Data.Keys.Order());
        await working.StopAsync(Cancel);
        await failing.StopAsync(Cancel);
    }

    private ScriptedTask NewTask(TimeSpan? interval = null) =>
        new(new PeriodicSchedule(interval ?? Interval, Interval, Interval, HangTimeout), _time);

    private Task<HealthCheckResult> CheckAsync(PeriodicTask task, PeriodicTaskHealthView view) =>
        new PeriodicTaskHealthCheck([task], _time, view).CheckHealthAsync(new HealthCheckContext(), Cancel);
}
