using System.Diagnostics;
using System.Globalization;

namespace Processor.Ctl;

/// <summary>
/// <c>replay --follow</c>: after a rewind, shows how far the service has re-consumed, until every rewound partition is back
/// at the end the log had when the replay was committed (what it had consumed before is rebuilt), or the time limit passes.
/// </summary>
internal sealed class ReplayProgress(Database db, ServiceTarget target, TextWriter output)
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    /// <summary>One rewound partition: where it was set and the end it must reach again.</summary>
    public sealed record Partition(string Topic, int Number, long From, long End);

    /// <summary>Follows <paramref name="partitions"/>; false when <paramref name="limit"/> passed first.</summary>
    public async Task<bool> FollowAsync(IReadOnlyList<Partition> partitions, TimeSpan limit, CancellationToken cancellationToken)
    {
        var total = partitions.Sum(p => Math.Max(0, p.End - p.From));
        await output.WriteLineAsync(
            $"Following the {target.Name}: {total} record(s) to re-consume in {partitions.Count} partition(s) (up to {limit.TotalMinutes:0.#} min).");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var stored = (await db.PositionsAsync(target.Schema, target.Group, cancellationToken))
                .ToDictionary(p => (p.Topic, p.Partition), p => p.NextOffset);
            var behind = partitions
                .Select(p => (Partition: p, Next: stored.GetValueOrDefault((p.Topic, p.Number), p.From)))
                .Where(p => p.Next < p.Partition.End)
                .ToList();
            var done = total - behind.Sum(b => b.Partition.End - Math.Max(b.Next, b.Partition.From));
            var elapsed = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            if (behind.Count == 0)
            {
                await output.WriteLineAsync($"  caught up: {total} of {total} record(s) re-consumed in {elapsed} s.");
                return true;
            }

            var slowest = behind.MaxBy(b => b.Partition.End - b.Next);
            await output.WriteLineAsync(
                $"  {elapsed} s: {done} of {total} record(s) ({Percent(done, total)}); {behind.Count} partition(s) behind, most: " +
                $"{slowest.Partition.Topic}[{slowest.Partition.Number}] at {slowest.Next} of {slowest.Partition.End}");
            if (clock.Elapsed + Interval > limit)
            {
                await output.WriteLineAsync(
                    $"  not caught up within {limit.TotalMinutes:0.#} min: the {target.Name} is behind or not running (see processorctl status).");
                return false;
            }

            await Task.Delay(Interval, cancellationToken);
        }
    }

    private static string Percent(long done, long total) =>
        total == 0 ? "100%" : (100.0 * done / total).ToString("0", CultureInfo.InvariantCulture) + "%";
}
