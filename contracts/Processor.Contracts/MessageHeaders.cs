namespace Processor.Contracts;

/// <summary>Names (and fixed values) of the Kafka record headers every message carries. Header values are UTF-8 strings.</summary>
public static class MessageHeaders
{
    /// <summary>
    /// The event's id (a UUID in its canonical text form): a new fact gets a UUIDv7, a derived event a deterministic
    /// UUIDv5 of (input event id, output ordinal), so a replay re-creates the same ids. Inboxes deduplicate on it.
    /// </summary>
    public const string EventId = "event-id";

    /// <summary>
    /// The Protobuf full name of the value's message type (e.g. <c>processor.scanner.v1.ScannedBlock</c>);
    /// see <see cref="MessageTypeRegistry"/>.
    /// </summary>
    public const string EventType = "event-type";

    /// <summary>The value's encoding; always <see cref="ProtobufContentType"/>.</summary>
    public const string ContentType = "content-type";

    /// <summary>The value of <see cref="ContentType"/>: the value is the message's Protobuf binary encoding.</summary>
    public const string ProtobufContentType = "application/x-protobuf";

    /// <summary>When the fact happened, UTC, in the round-trip ("O") ISO 8601 format.</summary>
    public const string OccurredAt = "occurred-at";

    /// <summary>The <see cref="EventId"/> of the message whose handling caused this one.</summary>
    public const string CausationId = "causation-id";

    /// <summary>The id shared by every message of one flow (e.g. the <see cref="EventId"/> of the command that started it).</summary>
    public const string CorrelationId = "correlation-id";

    /// <summary>W3C trace context <c>traceparent</c>.</summary>
    public const string TraceParent = "traceparent";

    /// <summary>W3C trace context <c>tracestate</c>, when there is one.</summary>
    public const string TraceState = "tracestate";

    /// <summary>Dead-letter records: why the message was dead-lettered (human-readable).</summary>
    public const string DlqReason = "dlq-reason";

    /// <summary>Dead-letter records: the topic the message was consumed from.</summary>
    public const string DlqOriginalTopic = "dlq-original-topic";

    /// <summary>Dead-letter records: the partition it was consumed from (decimal).</summary>
    public const string DlqOriginalPartition = "dlq-original-partition";

    /// <summary>Dead-letter records: its offset in that partition (decimal).</summary>
    public const string DlqOriginalOffset = "dlq-original-offset";

    /// <summary>Dead-letter records: what was left out of the copy to keep it producible (the dead_letters row keeps it).</summary>
    public const string DlqOmitted = "dlq-omitted";

    /// <summary>Dead-letter records of the outbox relay: the id of the outbox row the broker refused.</summary>
    public const string DlqOutboxId = "dlq-outbox-id";
}
