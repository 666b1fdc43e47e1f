namespace Processor.Messaging.Diagnostics;

/// <summary>
/// Points in the messaging pipeline where state has just become durable or visible. Metrics hang off them, and crash
/// tests use them to stop a process at exactly these points. Implementations must be fast and must not throw.
/// </summary>
public interface IMessagingObserver
{
    /// <summary>A consumer transaction committed <paramref name="records"/> records (offsets, inbox, state, outbox).</summary>
    void Committed(int records)
    {
    }

    /// <summary><paramref name="records"/> records were sent to their dead-letter topic (committed).</summary>
    void DeadLettered(int records)
    {
    }

    /// <summary>A partition was parked: its next record waits for a local precondition.</summary>
    void Parked()
    {
    }

    /// <summary>The relay handed <paramref name="records"/> outbox rows to Kafka and got them acknowledged, but has not
    /// marked them published yet.</summary>
    void RelayDelivered(int records)
    {
    }

    /// <summary>The relay marked <paramref name="records"/> outbox rows published.</summary>
    void RelayMarked(int records)
    {
    }

    /// <summary>
    /// The broker refused <paramref name="records"/> outbox rows for good; they went to the dead letters and the relay
    /// moved past them. An alert: an event this service decided was not delivered.
    /// </summary>
    void RelayDeadLettered(int records)
    {
    }

    /// <summary>The consumer was assigned partitions (a rebalance is under way or just finished).</summary>
    void PartitionsAssigned(int partitions)
    {
    }

    /// <summary>The consumer gave up partitions.</summary>
    void PartitionsRevoked(int partitions)
    {
    }
}
