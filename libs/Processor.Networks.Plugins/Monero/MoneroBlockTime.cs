namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero block's monotonic time, as Serai's Monero network defines it: the median of the timestamps of the last 60 blocks
/// (the block itself included; epee's <c>get_mid</c> for the even count) plus the height in seconds, since consensus only
/// keeps a timestamp at or above that median. Before there are 60 blocks, the height alone.
/// </summary>
public static class MoneroBlockTime
{
    /// <summary>Blocks in the median window (monerod's BLOCKCHAIN_TIMESTAMP_CHECK_WINDOW).</summary>
    public const int Window = 60;

    /// <summary>The monotonic time of the block at <paramref name="height"/>, from the timestamps of the blocks up to it.</summary>
    /// <param name="height">The block's height.</param>
    /// <param name="timestamps">The timestamps of the blocks ending with it, in height order (the last <see cref="Window"/> are used).</param>
    public static DateTimeOffset Monotonic(long height, IReadOnlyList<ulong> timestamps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        ArgumentNullException.ThrowIfNull(timestamps);
        if (height + 1 < Window)
        {
            return DateTimeOffset.FromUnixTimeSeconds(height);
        }

        if (timestamps.Count < Window)
        {
            throw new ArgumentException($"Block {height}'s time needs the {Window} timestamps ending with it, not {timestamps.Count}.", nameof(timestamps));
        }

        var sorted = timestamps.Skip(timestamps.Count - Window).Order().ToArray();
        var (a, b) = (sorted[(Window / 2) - 1], sorted[Window / 2]);
        // The mean of the two middle values without overflow, rounded down (epee's get_mid).
        var median = (a / 2) + (b / 2) + (((a % 2) + (b % 2)) / 2);
        return DateTimeOffset.FromUnixTimeSeconds(checked((long)median + height));
    }
}
