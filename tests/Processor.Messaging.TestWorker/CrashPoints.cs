using System.Diagnostics;
using Processor.Messaging.Diagnostics;

namespace Processor.Messaging.TestWorker;

/// <summary>Kills the process with SIGKILL the N-th time the pipeline passes the configured point.</summary>
public sealed class CrashPoints(WorkerSettings settings) : IMessagingObserver
{
    private int _passes;

    public void Committed(int records) => Pass("after-commit");

    public void RelayDelivered(int records) => Pass("relay-delivered");

    public void PartitionsAssigned(int partitions) => Pass("assigned");

    private void Pass(string point)
    {
        if (settings.CrashAt == point && Interlocked.Increment(ref _passes) >= settings.CrashAfter)
        {
            Console.Out.WriteLine($"CRASH {point}");
            Console.Out.Flush();
            // Process.Kill sends SIGKILL: no finally blocks, no flushing, no graceful leave — a real crash.
            Process.GetCurrentProcess().Kill();
        }
    }
}
