using System.Diagnostics;
using System.Globalization;

namespace Processor.Monero.Testing;

/// <summary>
/// One monerod or monero-wallet-rpc process of a test: started with its arguments, its pid written to
/// <c>&lt;executable&gt;.pid</c> in its folder (for the clean-up of abandoned nodes), the tail of its output kept for error
/// messages, stopped by asking it and then by PID.
/// </summary>
internal sealed class RegtestProcess : IDisposable
{
    /// <summary>Pattern of the pid files, for <see cref="Processor.Embedded.AbandonedNodes"/>.</summary>
    public const string PidFilePattern = "monero*.pid";

    private const int KeptOutputLines = 40;
    private readonly Process _process;
    private readonly Queue<string> _output = new();
    private bool _stopped;

    private RegtestProcess(Process process, string executable)
    {
        _process = process;
        Executable = executable;
    }

    public string Executable { get; }

    public int Id => _process.Id;

    public bool HasExited => _stopped || _process.HasExited;

    /// <summary>The last lines the process printed.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    /// <exception cref="InvalidOperationException">The executable is not installed.</exception>
    public static RegtestProcess Start(string executable, string directory, IEnumerable<string> arguments)
    {
        var startInfo = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var started = new RegtestProcess(process, executable);
        process.OutputDataReceived += (_, e) => started.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => started.Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException($"{executable} is not installed: apt-get install -y --no-install-recommends monero", ex);
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        File.WriteAllText(Path.Combine(directory, executable + ".pid"), process.Id.ToString(CultureInfo.InvariantCulture));
        return started;
    }

    /// <summary>
    /// Calls <paramref name="probe"/> until it succeeds (the server answers), the process exits or <paramref name="timeout"/>
    /// passes; the last two throw with the process's output.
    /// </summary>
    public async Task WaitUntilAnsweringAsync(Func<Task> probe, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await probe();
                return;
            }
            catch (Rpc.MoneroRpcException ex) when (ex.IsRetryable)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cancellationToken);
                    throw new InvalidOperationException($"{Executable} exited with code {_process.ExitCode} before answering on port {port}:\n{Output}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"{Executable} did not answer on port {port} within {timeout.TotalSeconds:F0} s ({ex.Message}):\n{Output}");
                }

                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <summary>Asks the process to stop with <paramref name="askToStop"/> (its RPC), waits up to <paramref name="timeout"/>, then kills it.</summary>
    public async Task StopAsync(Func<Task> askToStop, TimeSpan timeout)
    {
        if (_stopped)
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    await askToStop();
                }
                catch (Exception ex) when (ex is Rpc.MoneroRpcException or HttpRequestException)
                {
                    // Not answering: it is killed below.
                }

                using var bound = new CancellationTokenSource(timeout);
                try
                {
                    await _process.WaitForExitAsync(bound.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _stopped = true;
        }
    }

    public void Dispose() => _process.Dispose();

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > KeptOutputLines)
            {
                _output.Dequeue();
            }
        }
    }
}
