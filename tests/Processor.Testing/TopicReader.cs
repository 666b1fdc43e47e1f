using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Xunit;

namespace Processor.Testing;

/// <summary>An event read back from a topic: its id header and its decoded message.</summary>
public sealed record ReadEvent<T>(Guid EventId, T Message);

/// <summary>Reads a whole single-partition topic from its beginning up to its current end, as a downstream consumer would see it.</summary>
public static class TopicReader
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads the topic once it holds at least <paramref name="atLeast"/> records (the outbox relay publishes shortly after
    /// the scanner commits), bounded; then returns all of them, duplicates included, for the caller to count.
    /// </summary>
    public static Task<List<ReadEvent<T>>> ReadAtLeastAsync<T>(string topic, MessageParser<T> parser, long atLeast)
        where T : IMessage<T> =>
        ReadUntilAsync(topic, parser, events => events.Count >= atLeast);

    /// <summary>
    /// Reads the topic until what it holds satisfies <paramref name="complete"/>, bounded: after the time limit the records
    /// read last are returned for the caller's assertions to explain what is missing.
    /// </summary>
    public static async Task<List<ReadEvent<T>>> ReadUntilAsync<T>(string topic, MessageParser<T> parser, Func<List<ReadEvent<T>>, bool> complete)
        where T : IMessage<T>
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var events = ReadAll(topic, parser);
            if (complete(events) || DateTime.UtcNow > deadline)
            {
                return events;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public static List<ReadEvent<T>> ReadAll<T>(string topic, MessageParser<T> parser)
        where T : IMessage<T>
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = KafkaBroker.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var partition = new TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, Timeout).High.Value;
        var events = new List<ReadEvent<T>>();
        if (end == 0)
        {
            return events;
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(500));
            if (record is null)
            {
                continue;
            }

            var id = record.Message.Headers.TryGetLastBytes(MessageHeaders.EventId, out var bytes)
                ? Guid.Parse(HeaderText.TryDecode(bytes)!)
                : Guid.Empty;
            events.Add(new ReadEvent<T>(id, parser.ParseFrom(record.Message.Value)));
            if (record.Offset.Value + 1 >= end)
            {
                return events;
            }
        }

        throw new TimeoutException($"Read {events.Count} of {end} records of {topic} within {Timeout.TotalSeconds:F0} s.");
    }
}
