using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Processor.Hosting.Periodic;

namespace Processor.Hosting.Tests.Periodic;

/// <summary>A periodic task whose runs follow a script (succeed, fail, block until released); runs past the script succeed.</summary>
internal sealed class ScriptedTask(PeriodicSchedule schedule, FakeTimeProvider time, string name = "scripted")
    : PeriodicTask(name, schedule, time, NullLogger.Instance)
{
    private readonly ConcurrentQueue<Func<CancellationToken, Task>> _script = new();
    private int _runs;

    public int Runs => Volatile.Read(ref _runs);

    public ScriptedTask Succeeds() => Then(_ => Task.CompletedTask);

    public ScriptedTask Fails(string reason) => Then(_ => throw new InvalidOperationException(reason));

    /// <summary>A run that lasts until <paramref name="release"/> completes.</summary>
    public ScriptedTask Blocks(TaskCompletionSource release) => Then(cancel => release.Task.WaitAsync(cancel));

    /// <summary>A long run that reports progress, then lasts until <paramref name="release"/> completes.</summary>
    public ScriptedTask ReportsProgressThenBlocks(TaskCompletionSource release) => Then(cancel =>
    {
        ReportProgress();
        return release.Task.WaitAsync(cancel);
    });

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _runs);
        if (_script.TryDequeue(out var step))
        {
            await step(cancellationToken);
        }
    }

    private ScriptedTask Then(Func<CancellationToken, Task> step)
    {
        _script.Enqueue(step);
        return this;
    }
}
