namespace Processor.Scanner.Health;

/// <summary>What the scan loop last saw, for the health check: a safe halt, or a failure it keeps retrying.</summary>
public sealed class ScannerStatus
{
    private volatile string? _haltedReason;
    private volatile string? _failure;
    private long _nextHeight = -1;

    /// <summary>Why scanning is halted (a reorganized finalized block), or null while it runs.</summary>
    public string? HaltedReason => _haltedReason;

    /// <summary>The failure the last poll ended with (node or Postgres unreachable, a malformed answer), or null.</summary>
    public string? Failure => _failure;

    /// <summary>The next height to scan, -1 before the first poll.</summary>
    public long NextHeight => Interlocked.Read(ref _nextHeight);

    public void Polled(long nextHeight, string? haltedReason)
    {
        Interlocked.Exchange(ref _nextHeight, nextHeight);
        _haltedReason = haltedReason;
        _failure = null;
    }

    public void Failed(string failure) => _failure = failure;
}
