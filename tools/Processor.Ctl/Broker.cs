using Confluent.Kafka;

namespace Processor.Ctl;

/// <summary>
/// Read-only questions to the Kafka broker through one consumer that never joins a group: metadata, watermarks and
/// offsets for times. Nothing else (the embedded broker has no admin API and must never see ListConsumerGroups).
/// </summary>
internal sealed class Broker : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly IConsumer<Ignore, Ignore> _consumer;
    private readonly IAdminClient _metadata;

    private Broker(IConsumer<Ignore, Ignore> consumer, IAdminClient metadata, Dictionary<string, int[]> partitions)
    {
        _consumer = consumer;
        _metadata = metadata;
        Partitions = partitions;
    }

    /// <summary>Each topic's partition ids, as the broker's metadata had them when connected.</summary>
    public IReadOnlyDictionary<string, int[]> Partitions { get; }

    /// <summary>Connects and reads the cluster's metadata; null when the broker does not answer within <paramref name="timeout"/>.</summary>
    public static Broker? TryConnect(string bootstrapServers, TimeSpan timeout)
    {
        var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = $"processorctl-{Guid.NewGuid():N}",
            ClientId = "processorctl",
            EnableAutoCommit = false,
            SocketConnectionSetupTimeoutMs = (int)timeout.TotalMilliseconds,
        })
            // Connection failures are reported by the commands; librdkafka's own log lines would only repeat them.
            .SetLogHandler((_, _) => { })
            .SetErrorHandler((_, _) => { })
            .Build();
        var metadata = new DependentAdminClientBuilder(consumer.Handle).Build();
        try
        {
            var topics = metadata.GetMetadata(timeout).Topics
                .Where(t => t.Error.Code == ErrorCode.NoError)
                .ToDictionary(t => t.Topic, t => t.Partitions.Select(p => p.PartitionId).Order().ToArray());
            return new Broker(consumer, metadata, topics);
        }
        catch (KafkaException)
        {
            metadata.Dispose();
            consumer.Dispose();
            return null;
        }
    }

    /// <summary>The partition's low and high watermark (first offset kept, next offset to be written); null if not answered.</summary>
    public (long Low, long High)? Watermarks(string topic, int partition)
    {
        try
        {
            var offsets = _consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), RequestTimeout);
            return (offsets.Low.Value, offsets.High.Value);
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    /// <summary>The first offset whose timestamp is at or after <paramref name="time"/>; null if the broker has none (or no answer).</summary>
    public long? OffsetForTime(string topic, int partition, DateTimeOffset time)
    {
        try
        {
            var result = _consumer.OffsetsForTimes(
                [new TopicPartitionTimestamp(new TopicPartition(topic, partition), new Timestamp(time))], RequestTimeout);
            return result.Single().Offset.Value is var offset and >= 0 ? offset : null;
        }
        catch (KafkaException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _metadata.Dispose();
        _consumer.Close();
        _consumer.Dispose();
    }
}
