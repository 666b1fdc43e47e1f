using Google.Protobuf;

namespace Processor.Messaging.Envelopes;

/// <summary>An event to publish through the outbox.</summary>
/// <param name="EventId">Deterministic for derived events (see <see cref="EventIds"/>).</param>
/// <param name="Topic">Destination topic.</param>
/// <param name="Key">Partitioning key: events with the same key keep their order.</param>
/// <param name="Message">The Protobuf payload; its descriptor's full name is the event type.</param>
/// <param name="CausationId">The event that caused this one, if any.</param>
/// <param name="CorrelationId">The flow this event belongs to, if any.</param>
/// <param name="TraceParent">The W3C traceparent of the span that emitted it; the current span when null.</param>
public sealed record OutgoingEvent(
    Guid EventId,
    string Topic,
    string Key,
    IMessage Message,
    Guid? CausationId = null,
    Guid? CorrelationId = null,
    string? TraceParent = null)
{
    public string EventType => Message.Descriptor.FullName;
}
