using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;

namespace Processor.Messaging.Consuming;

/// <summary>What a consumed record turned out to be.</summary>
public abstract record DecodedRecord(ConsumeResult<byte[]?, byte[]?> Record)
{
    /// <summary>A record this service applies.</summary>
    public sealed record Handled(ConsumeResult<byte[]?, byte[]?> Record, IncomingEvent Event, HandlerBinding Binding)
        : DecodedRecord(Record);

    /// <summary>A known type another service handles: its offset advances, nothing else happens.</summary>
    public sealed record Ignored(ConsumeResult<byte[]?, byte[]?> Record) : DecodedRecord(Record);

    /// <summary>A record that can never be applied; it goes to the dead-letter topic.</summary>
    public sealed record Poison(ConsumeResult<byte[]?, byte[]?> Record, string Reason, Guid? EventId, string? EventType)
        : DecodedRecord(Record);
}

/// <summary>Reads the envelope headers and parses the Protobuf value of a record.</summary>
public sealed class RecordDecoder(HandlerRegistry registry)
{
    public DecodedRecord Decode(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = record.Message.Headers;
        var eventType = ReadHeader(headers, MessageHeaders.EventType);
        var rawId = ReadHeader(headers, MessageHeaders.EventId);
        Guid? eventId = Guid.TryParse(rawId, out var parsedId) ? parsedId : null;

        if (eventType is null)
        {
            return new DecodedRecord.Poison(record, $"missing '{MessageHeaders.EventType}' header", eventId, null);
        }

        if (!registry.IsKnown(eventType))
        {
            return new DecodedRecord.Poison(record, $"unknown message type '{eventType}'", eventId, eventType);
        }

        if (!registry.TryGetBinding(eventType, out var binding))
        {
            return new DecodedRecord.Ignored(record);
        }

        if (eventId is null)
        {
            return new DecodedRecord.Poison(
                record, rawId is null ? $"missing '{MessageHeaders.EventId}' header" : $"invalid event id '{rawId}'",
                null, eventType);
        }

        IMessage message;
        try
        {
            message = binding.Parser.ParseFrom(record.Message.Value ?? []);
        }
        catch (InvalidProtocolBufferException ex)
        {
            return new DecodedRecord.Poison(record, $"unparseable {eventType}: {ex.Message}", eventId, eventType);
        }

        Guid? correlation = Guid.TryParse(ReadHeader(headers, MessageHeaders.CorrelationId), out var c) ? c : null;
        var incoming = new IncomingEvent(
            eventId.Value, eventType, message, record.Topic, record.Partition.Value, record.Offset.Value,
            record.Message.Timestamp.UtcDateTime, record.Message.Key, correlation, ReadHeader(headers, MessageHeaders.TraceParent));
        return new DecodedRecord.Handled(record, incoming, binding);
    }

    private static string? ReadHeader(Headers? headers, string name) =>
        headers is not null && headers.TryGetLastBytes(name, out var bytes) ? HeaderText.TryDecode(bytes) : null;
}
