namespace Processor.Hosting.Periodic;

/// <summary>
/// When a <see cref="PeriodicTask"/> runs: every <see cref="Interval"/> after a success; after the n-th failure in a row,
/// <see cref="FirstRetryDelay"/> doubled n-1 times, capped at <see cref="MaxRetryDelay"/>. A run that neither ends nor
/// reports progress for <see cref="HangTimeout"/> counts as hung (not live).
/// </summary>
public sealed record PeriodicSchedule
{
    /// <summary>A run hangs after this many intervals without a sign of life, but never sooner than <see cref="MinHangTimeout"/>.</summary>
    public const int HungAfterIntervals = 10;

    /// <summary>Floor of the hang timeout: a single slow statement or node call must not look like a hang.</summary>
    public static readonly TimeSpan MinHangTimeout = TimeSpan.FromMinutes(2);

    public PeriodicSchedule(TimeSpan interval, TimeSpan firstRetryDelay, TimeSpan maxRetryDelay, TimeSpan? hangTimeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(firstRetryDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRetryDelay, firstRetryDelay);
        Interval = interval;
        FirstRetryDelay = firstRetryDelay;
        MaxRetryDelay = maxRetryDelay;
        HangTimeout = hangTimeout ?? TimeSpan.FromTicks(Math.Max(MinHangTimeout.Ticks, (interval * HungAfterIntervals).Ticks));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(HangTimeout, TimeSpan.Zero);
    }

    public TimeSpan Interval { get; }

    public TimeSpan FirstRetryDelay { get; }

    public TimeSpan MaxRetryDelay { get; }

    public TimeSpan HangTimeout { get; }

    /// <summary>The wait after the <paramref name="consecutiveFailures"/>-th failure in a row (1 for the first).</summary>
    public TimeSpan RetryDelay(int consecutiveFailures)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveFailures, 1);
        var delay = FirstRetryDelay;
        for (var i = 1; i < consecutiveFailures && delay < MaxRetryDelay; i++)
        {
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }

        return delay;
    }
}
