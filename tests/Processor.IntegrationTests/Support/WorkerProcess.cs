using System.Globalization;
using Processor.Testing;

namespace Processor.IntegrationTests.Support;

/// <summary>
/// The counter worker as a child process, so it can be killed with SIGKILL like a crashing service. It prints <c>READY</c> once
/// it runs and <c>CRASH &lt;point&gt;</c> before it kills itself at a crash point.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _slowBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ChildProcess _process;

    private WorkerProcess(CounterWorkerConfig config)
    {
        var arguments = config.ToSettings().Select(s => string.Create(CultureInfo.InvariantCulture, $"--{s.Key}={s.Value}"));
        // The worker's dll is copied next to the tests (project reference).
        _process = ChildProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "Processor.Messaging.TestWorker.dll"), arguments, onOutputLine: OnOutputLine);
    }

    public string? CrashedAt { get; private set; }

    public bool HasExited => _process.HasExited;

    public Task Ready => _ready.Task;

    /// <summary>Completes when a slow batch (<see cref="CounterWorkerConfig.SlowBatches"/>) has written and starts to wait.</summary>
    public Task SlowBatchStarted => _slowBatch.Task;

    /// <summary>Everything the worker printed (for failure messages).</summary>
    public string Output => _process.Output;

    public static WorkerProcess Start(CounterWorkerConfig config) => new(config);

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill() => _process.Kill();

    /// <summary>SIGTERM: the process shuts down gracefully, as under a supervisor's stop.</summary>
    public void Terminate() => _process.Terminate();

    /// <summary>Whether it exited within <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout) => await ExitCodeAsync(timeout) is not null;

    /// <summary>The exit code, or null when it still runs after <paramref name="timeout"/>.</summary>
    public Task<int?> ExitCodeAsync(TimeSpan timeout) => _process.WaitForExitAsync(timeout);

    public void Dispose() => _process.Dispose();

    private void OnOutputLine(string line)
    {
        if (line == "READY")
        {
            _ready.TrySetResult();
        }
        else if (line == "SLOW-BATCH")
        {
            _slowBatch.TrySetResult();
        }
        else if (line.StartsWith("CRASH ", StringComparison.Ordinal))
        {
            CrashedAt = line[6..];
        }
    }
}
