using System.Globalization;

namespace Processor.Cluster.Testing;

/// <summary>What a probe saw: whether the awaited condition holds, and a description of what it saw (for the failure message).</summary>
public readonly record struct Probe(bool Done, string Seen)
{
    public static Probe Met(string seen) => new(true, seen);

    public static Probe NotYet(string seen) => new(false, seen);
}

/// <summary>Polls a condition until it holds or a limit passes; a failure names what was awaited and what was seen last.</summary>
public static class BoundedWait
{
    private static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Polls <paramref name="probe"/> until it reports done; throws <see cref="TimeoutException"/> after <paramref name="limit"/>
    /// with <paramref name="what"/>, the last thing seen and <paramref name="diagnostics"/> (e.g. the processes' output).
    /// A probe that throws ends the wait with that exception (e.g. a process that died). Probes are
    /// <paramref name="pollInterval"/> apart (100 ms by default).
    /// </summary>
    public static async Task UntilAsync(
        string what,
        Func<CancellationToken, Task<Probe>> probe,
        TimeSpan limit,
        CancellationToken cancellationToken,
        Func<string>? diagnostics = null,
        TimeSpan? pollInterval = null)
    {
        var deadline = DateTime.UtcNow + limit;
        var seen = "nothing (not probed yet)";
        while (DateTime.UtcNow < deadline)
        {
            var result = await probe(cancellationToken);
            seen = result.Seen;
            if (result.Done)
            {
                return;
            }

            await Task.Delay(pollInterval ?? DefaultPollInterval, cancellationToken);
        }

        var message = string.Create(CultureInfo.InvariantCulture, $"Waited {limit.TotalSeconds:F0} s for {what}; last seen: {seen}");
        throw new TimeoutException(diagnostics is null ? message : message + "\n" + diagnostics());
    }
}
