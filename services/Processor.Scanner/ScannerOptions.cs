using System.ComponentModel.DataAnnotations;

namespace Processor.Scanner;

/// <summary>How the scanner polls the node, bound from the <c>Scanner</c> section. Finality depth and dust are network settings (<c>Bitcoin:Network</c>).</summary>
public sealed class ScannerOptions
{
    public const string SectionName = "Scanner";

    /// <summary>How often the node is asked for new finalized blocks.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Longest wait between two polls while the node or Postgres keeps failing (the wait doubles from <see cref="PollInterval"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The first height to scan, used once, when the scanner's schema is new.</summary>
    [Range(0, long.MaxValue)]
    public long StartHeight { get; set; }
}
