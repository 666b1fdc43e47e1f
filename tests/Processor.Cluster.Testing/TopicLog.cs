using Confluent.Kafka;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>One record of a topic as a consumer sees it: its event id and type headers and its value.</summary>
public sealed record TopicRecord(long Offset, Guid EventId, string EventType, byte[] Value)
{
    /// <summary>Whether the record holds a message of <paramref name="descriptor"/>'s type.</summary>
    public bool Is(MessageDescriptor descriptor) => EventType == descriptor.FullName;
}

/// <summary>
/// Reads whole single-partition topics that carry several message types (e.g. <c>processor.events</c>), from the beginning up
/// to their end at the time of the call, dispatching on the <c>event-type</c> header as a consumer does.
/// </summary>
public static class TopicLog
{
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);

    /// <summary>Every record of <paramref name="topic"/> (partition 0), in offset order, duplicates included.</summary>
    /// <exception cref="TimeoutException">The topic could not be read to its end within 30 s.</exception>
    public static IReadOnlyList<TopicRecord> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = KafkaBroker.BootstrapServers,
            GroupId = "log-reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var partition = new TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, ReadLimit).High.Value;
        var records = new List<TopicRecord>();
        if (end == 0)
        {
            return records;
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow + ReadLimit;
        while (DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            records.Add(new TopicRecord(
                record.Offset.Value,
                Header(record, MessageHeaders.EventId) is { } id ? Guid.Parse(id) : Guid.Empty,
                Header(record, MessageHeaders.EventType) ?? "",
                record.Message.Value));
            if (record.Offset.Value + 1 >= end)
            {
                return records;
            }
        }

        throw new TimeoutException($"Read {records.Count} of {end} records of {topic} within {ReadLimit.TotalSeconds:F0} s.");
    }

    /// <summary>The messages of type <typeparamref name="T"/> in <paramref name="topic"/>, in offset order.</summary>
    public static IReadOnlyList<T> ReadAll<T>(string topic)
        where T : IMessage<T>, new()
    {
        var descriptor = new T().Descriptor;
        return [.. ReadAll(topic).Where(r => r.Is(descriptor)).Select(r => (T)descriptor.Parser.ParseFrom(r.Value))];
    }

    private static string? Header(ConsumeResult<byte[]?, byte[]> record, string name) =>
        record.Message.Headers is { } headers && headers.TryGetLastBytes(name, out var bytes) ? HeaderText.TryDecode(bytes) : null;
}
