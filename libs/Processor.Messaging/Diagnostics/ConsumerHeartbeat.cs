namespace Processor.Messaging.Diagnostics;

/// <summary>Last time each consume loop went round; liveness fails when a loop stops turning.</summary>
public sealed class ConsumerHeartbeat(TimeProvider time)
{
    private long _lastBeatTicks = time.GetUtcNow().UtcTicks;

    public bool Running { get; private set; }

    public string? Fault { get; private set; }

    public DateTimeOffset LastBeat => new(Interlocked.Read(ref _lastBeatTicks), TimeSpan.Zero);

    public void Beat()
    {
        Running = true;
        Interlocked.Exchange(ref _lastBeatTicks, time.GetUtcNow().UtcTicks);
    }

    public void Stopped(string? fault)
    {
        Running = false;
        Fault = fault;
    }
}
