using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Scanner.Health;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Polls the node on a timer. A failure (node unreachable or answering garbage, Postgres down, a block that does not verify)
/// is logged, shown in health, and retried with a doubling wait: it never stops the process, so nothing crash-loops.
/// </summary>
public sealed partial class ScanLoop(
    ChainScanner scanner,
    ScannerStatus status,
    IOptions<ScannerOptions> options,
    TimeProvider time,
    ILogger<ScanLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PollInterval;
        var wait = interval;
        var wasHalted = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var progress = await scanner.PollAsync(stoppingToken);
                status.Polled(progress.NextHeight, progress.HaltedReason);
                if (wasHalted && !progress.IsHalted)
                {
                    LogResumed(logger, progress.NextHeight);
                }

                wasHalted = progress.IsHalted;
                wait = interval;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Any failure of a poll is retried: an exception escaping here would stop the host and crash-loop it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                status.Failed(ex.Message);
                LogPollFailed(logger, wait, ex);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, options.Value.MaxRetryInterval.Ticks));
            }

            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning poll failed; retrying in {Wait}")]
    private static partial void LogPollFailed(ILogger logger, TimeSpan wait, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scanning resumed by an operator at height {Height}")]
    private static partial void LogResumed(ILogger logger, long height);
}
