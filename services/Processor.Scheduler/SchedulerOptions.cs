using System.ComponentModel.DataAnnotations;

namespace Processor.Scheduler;

/// <summary>How the scheduler publishes signed transactions, bound from the <c>Scheduler</c> section.</summary>
public sealed class SchedulerOptions
{
    public const string SectionName = "Scheduler";

    /// <summary>How often signed transactions not yet published, and re-broadcasts that are due, are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan PublishPollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long after a broadcast a transaction not yet seen in a finalized block is broadcast again (Serai: 5 minutes),
    /// since nodes drop transactions from their mempools. Also the wait before retrying one the node refused.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan RebroadcastInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest wait between two publishing runs while the node or Postgres keeps failing (the wait doubles up to it).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);
}
