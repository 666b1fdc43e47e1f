using Confluent.Kafka;
using Processor.Messaging.Outbox;

namespace Processor.Messaging.Envelopes;

/// <summary>An event's Kafka record exactly as the outbox relay publishes it: for tools and tests that play another service.</summary>
public static class EventEnvelopes
{
    public static Message<byte[]?, byte[]> ToKafkaMessage(OutgoingEvent outgoing, DateTimeOffset occurredAt)
    {
        var record = OutboxRecords.From(outgoing, occurredAt);
        return new Message<byte[]?, byte[]>
        {
            Key = record.Key,
            Value = record.Payload,
            Headers = OutboxRecords.ToKafkaHeaders(record.HeadersJson),
        };
    }
}
