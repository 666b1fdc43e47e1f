using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Processor.Testing;

/// <summary>
/// A built dll run as a child process (<c>dotnet &lt;dll&gt; [args]</c>), its stdout and stderr captured line by line. Stop it with
/// <see cref="Terminate"/> (SIGTERM, as a supervisor does) or <see cref="Kill"/> (SIGKILL, like a crash); disposing kills it if it
/// still runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private static readonly TimeSpan KillTimeout = TimeSpan.FromMinutes(1);

    private readonly Process _process;
    private readonly Action<string>? _onOutputLine;
    private readonly Lock _lock = new();
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _standardOutput = new();
    private readonly StringBuilder _standardError = new();
    private int _disposed;

    private ChildProcess(Process process, Action<string>? onOutputLine)
    {
        _process = process;
        _onOutputLine = onOutputLine;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything printed so far, stdout and stderr interleaved as the lines arrived.</summary>
    public string Output => Read(_output);

    public string StandardOutput => Read(_standardOutput);

    public string StandardError => Read(_standardError);

    /// <summary>
    /// Starts <c>dotnet <paramref name="dll"/> <paramref name="arguments"/></c> with <paramref name="environment"/> added to (and
    /// overriding) this process's environment. <paramref name="onOutputLine"/> sees each line of stdout as it arrives (on a
    /// thread-pool thread), e.g. to watch for a READY marker.
    /// </summary>
    public static ChildProcess Start(
        string dll,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string>? environment = null,
        Action<string>? onOutputLine = null)
    {
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? [])
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = new Process { StartInfo = startInfo };
        var child = new ChildProcess(process, onOutputLine);
        process.OutputDataReceived += (_, e) => child.Append(e.Data, fromStandardError: false);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data, fromStandardError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>
    /// The built dll of a project of this repository: <c>artifacts/bin/&lt;project&gt;/&lt;configuration&gt;/&lt;project&gt;.dll</c>
    /// under the folder holding processor.sln, in the configuration of the running tests (e.g. <c>debug</c>); a project whose
    /// assembly has another name (processorctl) gives it as <paramref name="assemblyName"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">The dll is not built.</exception>
    public static string RepositoryDll(string project, string? assemblyName = null)
    {
        var testDirectory = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var root = testDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "processor.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("processor.sln not found above " + AppContext.BaseDirectory);
        }

        // artifacts/bin/<test project>/<configuration>/ → artifacts/bin/<project>/<configuration>/
        var dll = Path.Combine(root.FullName, "artifacts", "bin", project, testDirectory.Name, (assemblyName ?? project) + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{dll} is missing (the test project references {project} so that it is built first).", dll);
    }

    /// <summary>SIGTERM (<c>kill -TERM</c>), as a supervisor (compose, systemd) stops a process; does not wait for the exit.</summary>
    /// <exception cref="InvalidOperationException"><c>kill</c> failed while the process still runs.</exception>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]);
        if (!kill.WaitForExit(10_000))
        {
            throw new InvalidOperationException($"kill -TERM {Id} did not finish within 10 s.");
        }

        if (kill.ExitCode != 0 && !HasExited)
        {
            throw new InvalidOperationException($"kill -TERM {Id} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>
    /// SIGKILL to the process and its descendants, if it still runs; returns once it is gone, so that a restart never finds
    /// it still running (on a loaded machine the exit took over 10 s to be seen).
    /// </summary>
    /// <exception cref="InvalidOperationException">It still runs a minute after the signal.</exception>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited before the signal.
        }

        if (!_process.WaitForExit(KillTimeout))
        {
            throw new InvalidOperationException($"pid {Id} still runs {KillTimeout.TotalSeconds:0} s after SIGKILL.");
        }
    }

    /// <summary>
    /// The exit code once the process has exited and its output is drained, or null when it still runs after
    /// <paramref name="timeout"/>.
    /// </summary>
    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var bound = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(bound.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        Kill();
        _process.Dispose();
    }

    private static string DotnetHost()
    {
        var hostPath = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(hostPath) && File.Exists(hostPath))
        {
            return hostPath;
        }

        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private string Read(StringBuilder text)
    {
        lock (_lock)
        {
            return text.ToString();
        }
    }

    private void Append(string? line, bool fromStandardError)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            (fromStandardError ? _standardError : _standardOutput).AppendLine(line);
            _output.AppendLine(line);
        }

        if (!fromStandardError)
        {
            _onOutputLine?.Invoke(line);
        }
    }
}
