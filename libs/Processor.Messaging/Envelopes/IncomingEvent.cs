using Google.Protobuf;

namespace Processor.Messaging.Envelopes;

/// <summary>A decoded record and where it came from.</summary>
public sealed record IncomingEvent(
    Guid EventId,
    string EventType,
    IMessage Message,
    string Topic,
    int Partition,
    long Offset,
    DateTimeOffset Timestamp,
    byte[]? Key,
    Guid? CorrelationId);
