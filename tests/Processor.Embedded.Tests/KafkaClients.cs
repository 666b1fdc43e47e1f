using System.Text;
using Confluent.Kafka;

namespace Processor.Embedded.Tests;

/// <summary>Client settings and helpers shared by the Kafka tests.</summary>
internal static class KafkaClients
{
    public static IProducer<string, string> Producer(string bootstrapServers) =>
        new ProducerBuilder<string, string>(new ProducerConfig
        {
            BootstrapServers = bootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
            MessageTimeoutMs = 30_000,
        }).SetLogHandler((_, m) => Log(m)).Build();

    /// <summary>A consumer in its own group (classic protocol, short session timeout as the reference recommends for the mock).</summary>
    public static IConsumer<string, string> Consumer(string bootstrapServers, string? groupId = null) =>
        new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = groupId ?? $"test-{Guid.NewGuid():N}",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            SessionTimeoutMs = 6000,
            HeartbeatIntervalMs = 1000,
            FetchWaitMaxMs = 10,
        }).SetLogHandler((_, m) => Log(m)).Build();

    /// <summary>librdkafka's log goes to the current test's output (it would otherwise clutter the runner's console).</summary>
    public static void Log(LogMessage message)
    {
        try
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{message.Level} {message.Facility} {message.Name}: {message.Message}");
        }
        catch (InvalidOperationException)
        {
            // Logged after the test ended.
        }
    }

    /// <summary>Consumes until <paramref name="expected"/> messages arrived or the bound elapsed.</summary>
    public static List<ConsumeResult<string, string>> Consume(IConsumer<string, string> consumer, int expected, TimeSpan bound)
    {
        var results = new List<ConsumeResult<string, string>>(expected);
        var deadline = DateTime.UtcNow + bound;
        while (results.Count < expected && DateTime.UtcNow < deadline)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(200));
            if (result is { IsPartitionEOF: false, Message: not null })
            {
                results.Add(result);
            }
        }

        return results;
    }

    public static int PartitionCount(string bootstrapServers, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(10));
        var entry = Assert.Single(metadata.Topics);
        Assert.Equal(ErrorCode.NoError, entry.Error.Code);
        return entry.Partitions.Count;
    }

    /// <summary>Produces one keyed message with a header and reads it back from the beginning.</summary>
    public static async Task AssertRoundTripAsync(string bootstrapServers, string topic, CancellationToken cancellationToken)
    {
        using var producer = Producer(bootstrapServers);
        var headers = new Headers { { "marker", Encoding.UTF8.GetBytes(topic) } };
        var delivered = await producer.ProduceAsync(
            topic, new Message<string, string> { Key = "key", Value = "value", Headers = headers }, cancellationToken);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);

        using var consumer = Consumer(bootstrapServers);
        consumer.Assign(new TopicPartitionOffset(delivered.TopicPartition, Offset.Beginning));
        var received = Assert.Single(Consume(consumer, 1, TimeSpan.FromSeconds(20)));
        Assert.Equal("key", received.Message.Key);
        Assert.Equal("value", received.Message.Value);
        Assert.Equal(topic, Encoding.UTF8.GetString(received.Message.Headers.GetLastBytes("marker")));
        consumer.Close();
    }
}
