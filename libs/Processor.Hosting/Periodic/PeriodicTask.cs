using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Processor.Hosting.Periodic;

/// <summary>
/// A background task that runs <see cref="RunOnceAsync"/> over and over: every <see cref="PeriodicSchedule.Interval"/>
/// while it succeeds, after a capped, doubling back-off while it fails (reset by the next success), and at once after
/// <see cref="TriggerNow"/>. A failure never stops it (nothing crash-loops); it is logged and shown in <see cref="Status"/>,
/// which the shared health checks report (<see cref="PeriodicTaskHealthCheck"/>). Register with
/// <c>services.AddPeriodicTask&lt;T&gt;()</c>.
/// </summary>
public abstract partial class PeriodicTask : BackgroundService
{
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private TaskCompletionSource _trigger = NewTrigger();
    private PeriodicTaskStatus _status;

    protected PeriodicTask(string name, PeriodicSchedule schedule, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Schedule = schedule;
        _time = time;
        _logger = logger;
        _status = new PeriodicTaskStatus(name, PeriodicTaskState.NotStarted, time.GetUtcNow(), null, null, null, 0, null);
    }

    public string Name => _status.Name;

    public PeriodicSchedule Schedule { get; }

    /// <summary>The clock the task waits on (a fake one in tests).</summary>
    protected TimeProvider Time => _time;

    protected ILogger Logger => _logger;

    public PeriodicTaskStatus Status => Volatile.Read(ref _status);

    /// <summary>Starts the next run now: cuts short the current wait, or, during a run, follows it without waiting.</summary>
    public void TriggerNow() => Volatile.Read(ref _trigger).TrySetResult();

    /// <summary>One run. Throwing counts as a failure; returning, as a success.</summary>
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// For a run that lasts (a loop inside <see cref="RunOnceAsync"/>): records a sign of life and a success, so the run
    /// is not taken for hung and the next failure backs off from the start again.
    /// </summary>
    protected void ReportProgress()
    {
        var now = _time.GetUtcNow();
        Update(s => s with { LastHeartbeat = now, LastSuccess = now, ConsecutiveFailures = 0 });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                ConsumeTrigger();
                Update(s => s with { State = PeriodicTaskState.Running, LastHeartbeat = _time.GetUtcNow(), NextRun = null });
                TimeSpan wait;
                try
                {
                    await RunOnceAsync(stoppingToken);
                    var now = _time.GetUtcNow();
                    Update(s => s with { LastHeartbeat = now, LastSuccess = now, ConsecutiveFailures = 0 });
                    wait = Schedule.Interval;
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // Any failure of a run is retried: an exception escaping here would stop the host and crash-loop it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    var now = _time.GetUtcNow();
                    var status = Update(s => s with
                    {
                        LastHeartbeat = now,
                        LastFailure = now,
                        LastFailureReason = ex.Message,
                        ConsecutiveFailures = s.ConsecutiveFailures + 1,
                    });
                    wait = Schedule.RetryDelay(status.ConsecutiveFailures);
                    LogRunFailed(_logger, Name, status.ConsecutiveFailures, wait, ex);
                }

                await WaitAsync(wait, stoppingToken);
            }
        }
        finally
        {
            Update(s => s with { State = PeriodicTaskState.Stopped, NextRun = null });
        }
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        var now = _time.GetUtcNow();
        using var waitEnded = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, _time, waitEnded.Token);
        // Shown only once the timer runs, so whoever sees the time of the next run can rely on it.
        Update(s => s with { State = PeriodicTaskState.Waiting, NextRun = now + wait });
        await Task.WhenAny(delay, Volatile.Read(ref _trigger).Task);
        await waitEnded.CancelAsync();
        await delay.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>A trigger that fired before this run started is used up by it; one that fires during the run is kept for the next.</summary>
    private void ConsumeTrigger()
    {
        var current = Volatile.Read(ref _trigger);
        if (current.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _trigger, NewTrigger(), current);
        }
    }

    private static TaskCompletionSource NewTrigger() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Only the task's own run loop writes its status; health reads a consistent snapshot.</summary>
    private PeriodicTaskStatus Update(Func<PeriodicTaskStatus, PeriodicTaskStatus> change)
    {
        var next = change(Volatile.Read(ref _status));
        Volatile.Write(ref _status, next);
        return next;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Task} failed ({Failures} in a row); retrying in {Wait}")]
    private static partial void LogRunFailed(ILogger logger, string task, int failures, TimeSpan wait, Exception exception);
}
