namespace Processor.Scanner.Health;

/// <summary>What the scan loop last saw, for the health check: how far it got, and a safe halt. Failures are the periodic-task base's.</summary>
public sealed class ScannerStatus
{
    private volatile string? _haltedReason;
    private long _nextHeight = -1;

    /// <summary>Why scanning is halted (a reorganized finalized block), or null while it runs.</summary>
    public string? HaltedReason => _haltedReason;

    /// <summary>The next height to scan, -1 before the first poll.</summary>
    public long NextHeight => Interlocked.Read(ref _nextHeight);

    public void Polled(long nextHeight, string? haltedReason)
    {
        Interlocked.Exchange(ref _nextHeight, nextHeight);
        _haltedReason = haltedReason;
    }
}
