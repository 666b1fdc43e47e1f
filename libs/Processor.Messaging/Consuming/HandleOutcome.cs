namespace Processor.Messaging.Consuming;

/// <summary>What became of a record: applied, or parked until a local precondition holds.</summary>
public readonly record struct HandleOutcome(string? ParkReason)
{
    public static HandleOutcome Done => default;

    /// <summary>
    /// The record cannot be applied yet (e.g. it acknowledges a Batch this service has not built). Its writes are rolled
    /// back, its partition pauses, and it is tried again later; other partitions go on.
    /// </summary>
    public static HandleOutcome Park(string reason) => new(reason);

    public bool IsParked => ParkReason is not null;
}
