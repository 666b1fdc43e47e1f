using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Hosting.Periodic;
using Processor.Scanner.Health;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Polls the node every <see cref="ScannerOptions.PollInterval"/>. A failure (node unreachable or answering garbage,
/// Postgres down, a block that does not verify) is retried with a doubling wait up to <see cref="ScannerOptions.MaxRetryInterval"/>
/// and shown in health by the periodic-task base: it never stops the process, so nothing crash-loops.
/// </summary>
public sealed partial class ScanLoop(
    ChainScanner scanner,
    ScannerStatus status,
    IOptions<ScannerOptions> options,
    TimeProvider time,
    ILogger<ScanLoop> logger)
    : PeriodicTask("scan", ScheduleOf(options.Value), time, logger)
{
    private bool _wasHalted;

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var progress = await scanner.PollAsync(cancellationToken);
        status.Polled(progress.NextHeight, progress.HaltedReason);
        if (_wasHalted && !progress.IsHalted)
        {
            LogResumed(Logger, progress.NextHeight);
        }

        _wasHalted = progress.IsHalted;
    }

    /// <summary>
    /// A poll scans every block that became final since the last one, which after a long outage is a long catch-up: the hang
    /// timeout leaves it room (a node call that truly hangs is cut by the RPC client's own timeout first).
    /// </summary>
    private static PeriodicSchedule ScheduleOf(ScannerOptions options) =>
        new(options.PollInterval, options.PollInterval, options.MaxRetryInterval, hangTimeout: TimeSpan.FromMinutes(30));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning resumed by an operator at height {Height}")]
    private static partial void LogResumed(ILogger logger, long height);
}
