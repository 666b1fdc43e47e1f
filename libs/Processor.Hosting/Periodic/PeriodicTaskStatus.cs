namespace Processor.Hosting.Periodic;

/// <summary>Where a <see cref="PeriodicTask"/> is in its cycle.</summary>
public enum PeriodicTaskState
{
    /// <summary>Registered, not started by the host yet.</summary>
    NotStarted,

    /// <summary>Inside a run.</summary>
    Running,

    /// <summary>Between runs (the interval or a retry back-off).</summary>
    Waiting,

    /// <summary>No longer running: the host is stopping it.</summary>
    Stopped,
}

/// <summary>A snapshot of a periodic task, for health and operators.</summary>
/// <param name="Name">The task's name, as health reports it.</param>
/// <param name="State">Where it is in its cycle.</param>
/// <param name="LastHeartbeat">The last sign of life: a run starting or ending, or progress reported within a run.</param>
/// <param name="LastSuccess">When a run last succeeded (or reported progress), null before the first.</param>
/// <param name="LastFailure">When a run last failed, null if none has.</param>
/// <param name="LastFailureReason">Why it last failed (the exception's message).</param>
/// <param name="ConsecutiveFailures">Failures since the last success: 0 while it works.</param>
/// <param name="NextRun">While waiting, when the next run is due (sooner if triggered); null otherwise.</param>
public sealed record PeriodicTaskStatus(
    string Name,
    PeriodicTaskState State,
    DateTimeOffset LastHeartbeat,
    DateTimeOffset? LastSuccess,
    DateTimeOffset? LastFailure,
    string? LastFailureReason,
    int ConsecutiveFailures,
    DateTimeOffset? NextRun)
{
    public bool IsFailing => ConsecutiveFailures > 0;

    /// <summary>True when a run has shown no sign of life for longer than <paramref name="hangTimeout"/>.</summary>
    public bool IsHung(DateTimeOffset now, TimeSpan hangTimeout) => State == PeriodicTaskState.Running && now - LastHeartbeat > hangTimeout;
}
