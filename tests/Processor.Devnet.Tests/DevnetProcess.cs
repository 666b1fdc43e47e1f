using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Processor.Testing;

namespace Processor.Devnet.Tests;

/// <summary>One row of the devnet's status table: a service of a validator (<c>v1/scanner</c>).</summary>
internal sealed record StatusRow(string Validator, string Service, int Pid, string Url, string Live, string Ready, string Postgres, string Kafka)
{
    public string Label => $"{Validator}/{Service}";
}

/// <summary>tools/Processor.Devnet run as <c>dotnet Processor.Devnet.dll</c>; its status table is read from the output.</summary>
internal sealed partial class DevnetProcess(ChildProcess process) : IDisposable
{
    public int Pid => process.Id;

    /// <summary>Its stdout and stderr together.</summary>
    public string Output => process.Output;

    public static DevnetProcess Start(params string[] arguments) =>
        new(ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Devnet"), arguments));

    /// <summary>Waits until a line containing <paramref name="text"/> was printed; fails (with the output) after <paramref name="bound"/>.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan bound, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + bound;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (process.HasExited)
            {
                // Waiting for the exit drains the output.
                var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(10)).WaitAsync(cancellationToken);
                Assert.True(
                    Output.Contains(text, StringComparison.Ordinal),
                    $"The devnet exited with code {exitCode} before printing '{text}'. Output:\n{Output}");
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"The devnet did not print '{text}' within {bound}. Output:\n{Output}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The exit code; fails (with the output) when the devnet has not exited within <paramref name="bound"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan bound, CancellationToken cancellationToken)
    {
        var exitCode = await process.WaitForExitAsync(bound).WaitAsync(cancellationToken);
        Assert.True(exitCode is not null, $"The devnet did not exit within {bound}. Output:\n{Output}");
        return exitCode.Value;
    }

    public void SendSigterm() => process.Terminate();

    /// <summary>The lines of the demo (its steps and summary), without their prefix.</summary>
    public IReadOnlyList<string> DemoLines() =>
        [.. Output.Split('\n').Where(l => l.StartsWith("demo ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf('|', StringComparison.Ordinal) + 1)..].Trim())];

    /// <summary>The rows of the status table printed so far (the first table only).</summary>
    public IReadOnlyList<StatusRow> StatusRows() =>
        TableRow().Matches(Output)
            .Select(m => new StatusRow(
                m.Groups["validator"].Value,
                m.Groups["service"].Value,
                int.Parse(m.Groups["pid"].Value, CultureInfo.InvariantCulture),
                m.Groups["url"].Value,
                m.Groups["live"].Value,
                m.Groups["ready"].Value,
                m.Groups["postgres"].Value,
                m.Groups["kafka"].Value.TrimEnd()))
            .DistinctBy(r => r.Label)
            .ToList();

    /// <summary>The Postgres folder the devnet reported as removed, or null.</summary>
    public string? RemovedPostgresDirectory() =>
        PostgresRemoved().Match(Output) is { Success: true } match ? match.Groups["directory"].Value : null;

    /// <summary>Cleanup for failed tests: kills the devnet and the services it printed, if still running.</summary>
    public void KillEverythingStillRunning()
    {
        process.Kill();
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

    public void Dispose() => process.Dispose();

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

    [GeneratedRegex(
        @"^(?<validator>v[1-9])/(?<service>scanner|reporter|signer|scheduler)\s+(?<pid>\d+)\s+(?<url>http://\S+)\s+(?<live>\S+)\s+(?<ready>\S+)\s+(?<postgres>\S+)\s+(?<kafka>[^\r\n]+)$",
        RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"postgres stopped, (?<directory>\S+) removed")]
    private static partial Regex PostgresRemoved();
}
