using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Processor.Devnet.Tests;

/// <summary>One row of the devnet's status table.</summary>
internal sealed record StatusRow(string Service, int Pid, string Url, string Live, string Ready, string Postgres, string Kafka);

/// <summary>tools/Processor.Devnet run as <c>dotnet Processor.Devnet.dll</c>, its stdout and stderr captured together.</summary>
internal sealed partial class DevnetProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private DevnetProcess(Process process) => _process = process;

    public int Pid => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static DevnetProcess Start(params string[] arguments)
    {
        // artifacts/bin/Processor.Devnet.Tests/<configuration>/ → artifacts/bin/Processor.Devnet/<configuration>/
        var testDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var dll = Path.Combine(testDirectory.Parent!.Parent!.FullName, "Processor.Devnet", testDirectory.Name, "Processor.Devnet.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing (the test project references the devnet project so that it is built first).");

        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        var devnet = new DevnetProcess(process);
        process.OutputDataReceived += (_, e) => devnet.Append(e.Data);
        process.ErrorDataReceived += (_, e) => devnet.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return devnet;
    }

    /// <summary>Waits until a line containing <paramref name="text"/> was printed; fails (with the output) after <paramref name="bound"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan bound, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                // The output may still be draining.
                await Task.Delay(500, cancellationToken);
                Assert.True(
                    Output.Contains(text, StringComparison.Ordinal),
                    $"The devnet exited with code {_process.ExitCode} before printing '{text}'. Output:\n{Output}");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The devnet did not print '{text}' within {bound}. Output:\n{Output}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The exit code; fails (with the output) when the devnet has not exited within <paramref name="bound"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken).WaitAsync(bound, cancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The devnet did not exit within {bound}. Output:\n{Output}");
        }

        return _process.ExitCode;
    }

    public void SendSigterm()
    {
        using var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)]);
        Assert.True(kill.WaitForExit(10_000), "kill -TERM did not finish within 10 s.");
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The rows of the status table printed so far (the first table only).</summary>
    public IReadOnlyList<StatusRow> StatusRows() =>
        TableRow().Matches(Output)
            .Select(m => new StatusRow(
                m.Groups["service"].Value,
                int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture),
                m.Groups["url"].Value,
                m.Groups["live"].Value,
                m.Groups["ready"].Value,
                m.Groups["postgres"].Value,
                m.Groups["kafka"].Value.TrimEnd()))
            .DistinctBy(r => r.Service)
            .ToList();

    /// <summary>The Postgres folder the devnet reported as removed, or null.</summary>
    public string? RemovedPostgresDirectory() =>
        PostgresRemoved().Match(Output) is { Success: true } match ? match.Groups["directory"].Value : null;

    /// <summary>Cleanup for failed tests: kills the devnet and the services it printed, if still running.</summary>
    public void KillEverythingStillRunning()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already gone.
        }

        foreach (var row in StatusRows().Where(r => IsRunning(r.Pid)))
        {
            try
            {
                using var service = Process.GetProcessById(row.Pid);
                service.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Gone meanwhile.
            }
        }
    }

    public void Dispose() => _process.Dispose();

    /// <summary>Whether a process with this pid exists and is not a zombie.</summary>
    public static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            // "pid (comm) state ...": the state follows the last ')'.
            var state = stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[0];
            return state != "Z" && state != "X";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    [GeneratedRegex(
        @"^(?<service>scanner|reporter|signer|scheduler)\s+(?<pid>\d+)\s+(?<url>http://\S+)\s+(?<live>\S+)\s+(?<ready>\S+)\s+(?<postgres>\S+)\s+(?<kafka>[^\r\n]+)$",
        RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"postgres stopped, (?<directory>\S+) removed")]
    private static partial Regex PostgresRemoved();
}
