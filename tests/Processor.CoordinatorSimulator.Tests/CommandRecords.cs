using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Testing;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>A command read back from a validator's command topic, with its envelope headers.</summary>
public sealed record CommandRecord(IMessage Message, IReadOnlyDictionary<string, string> Headers, string Key);

/// <summary>Reads a validator's whole command topic as its processor would, decoding each record by its event-type header.</summary>
internal static class CommandRecords
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Every record of <paramref name="topic"/> once it holds at least <paramref name="atLeast"/> (bounded wait).</summary>
    public static async Task<IReadOnlyList<CommandRecord>> ReadAtLeastAsync(string topic, int atLeast)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var records = ReadAll(topic);
            if (records.Count >= atLeast)
            {
                return records;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{topic} holds {records.Count} records, expected at least {atLeast}.");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static List<CommandRecord> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = KafkaBroker.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
        }).Build();
        var partition = new TopicPartition(topic, 0);
        var end = consumer.QueryWatermarkOffsets(partition, Patience).High.Value;
        var records = new List<CommandRecord>();
        if (end <= 0)
        {
            return records;
        }

        consumer.Assign(new TopicPartitionOffset(partition, Offset.Beginning));
        var deadline = DateTime.UtcNow + Patience;
        while (records.Count < end && DateTime.UtcNow < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(500)) is not { } record)
            {
                continue;
            }

            var headers = record.Message.Headers.ToDictionary(h => h.Key, h => HeaderText.TryDecode(h.GetValueBytes()) ?? "");
            var parser = MessageTypeRegistry.Default.GetDescriptor(headers[MessageHeaders.EventType]).Parser;
            records.Add(new CommandRecord(parser.ParseFrom(record.Message.Value), headers, System.Text.Encoding.UTF8.GetString(record.Message.Key ?? [])));
        }

        return records;
    }
}
