using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Outbox;

/// <summary>Turns events into outbox rows (their exact wire form) and dead letters into dead-letter records.</summary>
internal static class OutboxRecords
{
    public static OutboxRecord From(OutgoingEvent outgoing, DateTimeOffset occurredAt)
    {
        var headers = new Dictionary<string, string>
        {
            [MessageHeaders.EventId] = outgoing.EventId.ToString(),
            [MessageHeaders.EventType] = outgoing.EventType,
            [MessageHeaders.ContentType] = MessageHeaders.ProtobufContentType,
            [MessageHeaders.OccurredAt] = occurredAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        if (outgoing.CausationId is { } causation)
        {
            headers[MessageHeaders.CausationId] = causation.ToString();
        }

        if (outgoing.CorrelationId is { } correlation)
        {
            headers[MessageHeaders.CorrelationId] = correlation.ToString();
        }

        if ((outgoing.TraceParent ?? Activity.Current?.Id) is { } traceParent)
        {
            headers[MessageHeaders.TraceParent] = traceParent;
        }

        return new OutboxRecord(
            outgoing.EventId, outgoing.Topic, Encoding.UTF8.GetBytes(outgoing.Key), outgoing.Message.ToByteArray(),
            outgoing.EventType, JsonSerializer.Serialize(headers));
    }

    /// <summary>
    /// The dead-letter copy of a record: its original key, value and headers, plus the reason and where it came from.
    /// Its outbox id is derived from the record's position, so dead-lettering the same record twice publishes it once.
    /// </summary>
    public static OutboxRecord DeadLetterCopy(
        string consumerGroup, ConsumeResult<byte[]?, byte[]?> record, string reason)
    {
        var headers = new Dictionary<string, string>();
        foreach (var header in record.Message.Headers ?? [])
        {
            headers[header.Key] = DecodeHeader(header.GetValueBytes());
        }

        headers[MessageHeaders.DlqReason] = reason;
        headers[MessageHeaders.DlqOriginalTopic] = record.Topic;
        headers[MessageHeaders.DlqOriginalPartition] = record.Partition.Value.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DlqOriginalOffset] = record.Offset.Value.ToString(CultureInfo.InvariantCulture);
        var id = EventIds.FromName(string.Create(
            CultureInfo.InvariantCulture, $"dead-letter/{consumerGroup}/{record.Topic}/{record.Partition.Value}/{record.Offset.Value}"));
        return new OutboxRecord(
            id, record.Topic + Topics.DeadLetterSuffix, record.Message.Key, record.Message.Value ?? [],
            headers.GetValueOrDefault(MessageHeaders.EventType, "unknown"), JsonSerializer.Serialize(headers));
    }

    /// <summary>Reads the JSON header map of an outbox row back into Kafka headers.</summary>
    public static Headers ToKafkaHeaders(string headersJson)
    {
        var headers = new Headers();
        foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(headersJson) ?? [])
        {
            headers.Add(key, Encoding.UTF8.GetBytes(value));
        }

        return headers;
    }

    // Header values of foreign or garbage records may not be text; keep them readable and lossless for an operator.
    private static string DecodeHeader(byte[]? value) =>
        value is null ? "" : HeaderText.TryDecode(value) ?? "base64:" + Convert.ToBase64String(value);
}
