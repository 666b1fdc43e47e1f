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

    // Long enough for any reason this library writes; a reason quoting a huge input is cut.
    private const int MaxReasonLength = 4000;
    private const int MaxEventTypeLength = 1000;
    private const int MaxNoticeHeaderLength = 1000;

    /// <summary>
    /// The dead-letter copy of a record: its original key, value and headers, plus the reason and where it came from.
    /// Its outbox id is derived from the record's position, so dead-lettering the same record twice publishes it once.
    /// Any bytes fit: header text that Postgres cannot hold is escaped or base64-encoded, and a copy larger than
    /// <paramref name="maxEventBytes"/> leaves out the key, the value and the original headers (the dead_letters row keeps
    /// key and value) and says so in <see cref="MessageHeaders.DlqOmitted"/>.
    /// </summary>
    public static OutboxRecord DeadLetterCopy(
        string consumerGroup, ConsumeResult<byte[]?, byte[]?> record, string reason, int maxEventBytes)
    {
        var original = new Dictionary<string, string>();
        foreach (var header in record.Message.Headers ?? [])
        {
            original[StoredText.EscapeNul(header.Key)] = DecodeHeader(header.GetValueBytes());
        }

        var deadLetter = new Dictionary<string, string>
        {
            [MessageHeaders.DlqReason] = StorableReason(reason),
            [MessageHeaders.DlqOriginalTopic] = record.Topic,
            [MessageHeaders.DlqOriginalPartition] = record.Partition.Value.ToString(CultureInfo.InvariantCulture),
            [MessageHeaders.DlqOriginalOffset] = record.Offset.Value.ToString(CultureInfo.InvariantCulture),
        };
        var id = EventIds.FromName(string.Create(
            CultureInfo.InvariantCulture, $"dead-letter/{consumerGroup}/{record.Topic}/{record.Partition.Value}/{record.Offset.Value}"));
        var eventType = StorableEventType(original.GetValueOrDefault(MessageHeaders.EventType, "unknown"));
        var topic = record.Topic + Topics.DeadLetterSuffix;
        var copy = new OutboxRecord(
            id, topic, record.Message.Key, record.Message.Value ?? [], eventType,
            JsonSerializer.Serialize(original.Concat(deadLetter).ToDictionary()));
        if (WireSize(copy) <= maxEventBytes)
        {
            return copy;
        }

        deadLetter[MessageHeaders.DlqOmitted] = string.Create(
            CultureInfo.InvariantCulture,
            $"key ({record.Message.Key?.Length ?? 0} bytes), value ({record.Message.Value?.Length ?? 0} bytes) and original headers ({original.Count}); see the dead_letters table");
        return new OutboxRecord(id, topic, null, [], eventType, JsonSerializer.Serialize(deadLetter));
    }

    /// <summary>
    /// The dead-letter notice of an outbox row the broker refused: the row's headers (each bounded) and where it was going,
    /// without its key and value, since those bytes were what the broker refused (the dead_letters row keeps them).
    /// </summary>
    public static OutboxRecord RefusedRowNotice(string schema, long outboxId, OutboxRecord row, string reason)
    {
        var headers = (JsonSerializer.Deserialize<Dictionary<string, string>>(row.HeadersJson) ?? [])
            .ToDictionary(h => h.Key, h => StoredText.Bounded(h.Value, MaxNoticeHeaderLength));
        headers[MessageHeaders.DlqReason] = reason;
        headers[MessageHeaders.DlqOriginalTopic] = row.Topic;
        headers[MessageHeaders.DlqOutboxId] = outboxId.ToString(CultureInfo.InvariantCulture);
        headers[MessageHeaders.DlqOmitted] = string.Create(
            CultureInfo.InvariantCulture, $"key ({row.Key?.Length ?? 0} bytes) and value ({row.Payload.Length} bytes); see the dead_letters table");
        var id = EventIds.FromName(string.Create(CultureInfo.InvariantCulture, $"outbox-dead-letter/{schema}/{outboxId}"));
        return new OutboxRecord(id, row.Topic + Topics.DeadLetterSuffix, null, [], row.EventType, JsonSerializer.Serialize(headers));
    }

    /// <summary>A dead-letter reason as stored and sent: NUL escaped, length bounded.</summary>
    public static string StorableReason(string reason) => StoredText.Bounded(StoredText.EscapeNul(reason), MaxReasonLength);

    /// <summary>An event type read from a record, as stored: NUL escaped, length bounded.</summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(eventType))]
    public static string? StorableEventType(string? eventType) =>
        eventType is null ? null : StoredText.Bounded(StoredText.EscapeNul(eventType), MaxEventTypeLength);

    /// <summary>What a row weighs on the wire, near enough to compare with the broker's limit: key, value and header text.</summary>
    public static long WireSize(OutboxRecord record) =>
        (record.Key?.Length ?? 0) + record.Payload.Length + Encoding.UTF8.GetByteCount(record.HeadersJson);

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

    // Header values of foreign or garbage records may not be text, or hold a NUL that jsonb refuses; keep them readable
    // and lossless for an operator.
    private static string DecodeHeader(byte[]? value) =>
        value is null ? ""
        : HeaderText.TryDecode(value) is { } text && !text.Contains('\0', StringComparison.Ordinal) ? text
        : "base64:" + Convert.ToBase64String(value);
}
