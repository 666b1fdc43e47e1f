using System.Diagnostics;
using Processor.Contracts;

namespace Processor.Devnet;

/// <summary>
/// One service of one validator run as a child process (<c>dotnet Processor.&lt;Name&gt;.dll</c>), its output forwarded line by
/// line with its label (e.g. <c>v1/scanner</c>) as prefix.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;

    private ServiceProcess(ServiceDefinition service, string label, Process process, Uri url)
    {
        Service = service;
        Name = label;
        _process = process;
        Url = url;
        Pid = process.Id;
        Exited = WatchAsync();
    }

    public ServiceDefinition Service { get; }

    /// <summary>The validator and the service, e.g. <c>v1/scanner</c>.</summary>
    public string Name { get; }

    public int Pid { get; }

    /// <summary>Base address of its health endpoints, e.g. <c>http://127.0.0.1:7101/</c>.</summary>
    public Uri Url { get; }

    /// <summary>Completes with the exit code once the process has exited and its output is drained.</summary>
    public Task<int> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="environment"/> added to (and overriding) the devnet's own; a null value
    /// removes the variable.
    /// </summary>
    public static ServiceProcess Start(
        ServiceDefinition service, string label, string dotnetHost, string dll, Uri url, IReadOnlyDictionary<string, string?> environment,
        int colorIndex)
    {
        var startInfo = new ProcessStartInfo(dotnetHost)
        {
            // The services read appsettings.json from their content root, the working directory.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => Forward(label, colorIndex, e.Data, fromStandardError: false);
        process.ErrorDataReceived += (_, e) => Forward(label, colorIndex, e.Data, fromStandardError: true);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServiceProcess(service, label, process, url);
    }

    /// <summary>
    /// Sends SIGTERM and waits up to <paramref name="grace"/> for the exit; kills the process when it has not exited by then or when
    /// <paramref name="hurry"/> fires (a second Ctrl-C).
    /// </summary>
    /// <returns>The exit code, and whether it had to be killed.</returns>
    public async Task<(int ExitCode, bool Killed)> StopAsync(TimeSpan grace, CancellationToken hurry)
    {
        if (!HasExited)
        {
            NativeMethods.SendSignal(Pid, NativeMethods.Sigterm);
        }

        try
        {
            return (await Exited.WaitAsync(grace, hurry), false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            DevnetConsole.Error(hurry.IsCancellationRequested
                ? $"{Name} (pid {Pid}) is still running: killing it."
                : $"{Name} (pid {Pid}) did not exit within {grace.TotalSeconds:F0} s of SIGTERM: killing it.");
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Exited in the meantime.
            }

            // SIGKILL cannot be ignored; the bound only guards against a stuck output pipe.
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                return (await Exited.WaitAsync(bound.Token), true);
            }
            catch (OperationCanceledException)
            {
                return (-1, true);
            }
        }
    }

    /// <summary>Last resort on an unexpected error path: SIGKILL without waiting.</summary>
    public void KillIfRunning()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose() => _process.Dispose();

    private static void Forward(string name, int colorIndex, string? line, bool fromStandardError)
    {
        if (line is not null)
        {
            DevnetConsole.ServiceLine(name, colorIndex, line, fromStandardError);
        }
    }

    private async Task<int> WatchAsync()
    {
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }
}
