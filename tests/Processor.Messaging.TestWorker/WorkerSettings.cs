namespace Processor.Messaging.TestWorker;

/// <summary>Where a counter key prefix waits for another counter to exist (to exercise parking).</summary>
public sealed record ParkGate(string Prefix, string Counter);

/// <summary>The first <paramref name="Count"/> batches sleep <paramref name="Delay"/> in Postgres inside their transaction.</summary>
public sealed record SlowBatches(int Count, TimeSpan Delay);

/// <summary>The test worker's settings (from configuration: Worker:*).</summary>
public sealed class WorkerSettings
{
    /// <summary>
    /// What the worker does: <c>counter</c> (default) counts <c>CounterIncremented</c> and emits <c>CounterChanged</c>;
    /// <c>downstream</c> consumes <c>CounterChanged</c> and records each one in <c>changes_seen</c>.
    /// </summary>
    public string Role { get; set; } = WorkerRoles.Counter;

    public string InputTopic { get; set; } = "";

    public string OutputTopic { get; set; } = "";

    public ParkGate? ParkKeysUntilCounterExists { get; set; }

    /// <summary>Where to kill the process: none, after-commit, relay-delivered or assigned.</summary>
    public string CrashAt { get; set; } = "none";

    /// <summary>How many times the crash point is passed before the kill.</summary>
    public int CrashAfter { get; set; } = 1;

    /// <summary>How many times the counter handler fails with a transient error (a timeout) before it succeeds.</summary>
    public int TransientFailures { get; set; }

    /// <summary>Batches of the counter handler that are slow (to hold a transaction open for a fault to hit).</summary>
    public SlowBatches? SlowBatches { get; set; }
}
