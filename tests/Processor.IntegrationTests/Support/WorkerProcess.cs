using System.Diagnostics;
using System.Globalization;

namespace Processor.IntegrationTests.Support;

/// <summary>The counter worker as a child process, so it can be killed with SIGKILL like a crashing service.</summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process) => _process = process;

    public string? CrashedAt { get; private set; }

    public bool HasExited => _process.HasExited;

    public Task Ready => _ready.Task;

    public static WorkerProcess Start(CounterWorkerConfig config)
    {
        var worker = Path.Combine(AppContext.BaseDirectory, "Processor.Messaging.TestWorker.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(worker);
        foreach (var (key, value) in config.ToSettings())
        {
            info.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--{key}={value}"));
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var started = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) => started.OnOutput(e.Data);
        process.ErrorDataReceived += (_, _) => { };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>SIGKILL: the process gets no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
    }

    private void OnOutput(string? line)
    {
        if (line == "READY")
        {
            _ready.TrySetResult();
        }
        else if (line?.StartsWith("CRASH ", StringComparison.Ordinal) == true)
        {
            CrashedAt = line[6..];
        }
    }
}
