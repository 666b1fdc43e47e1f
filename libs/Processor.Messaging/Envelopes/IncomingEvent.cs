using Google.Protobuf;

namespace Processor.Messaging.Envelopes;

/// <summary>A decoded record, where it came from, and the trace it belongs to (W3C <c>traceparent</c>, if any).</summary>
public sealed record IncomingEvent(
    Guid EventId,
    string EventType,
    IMessage Message,
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    byte[]? Key,
    Guid? CorrelationId,
    string? TraceParent = null);
