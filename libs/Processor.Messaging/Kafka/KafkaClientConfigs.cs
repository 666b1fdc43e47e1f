using Confluent.Kafka;

namespace Processor.Messaging.Kafka;

/// <summary>
/// Builds librdkafka configurations from <see cref="KafkaOptions"/>, then forces the settings the exactly-once
/// design depends on, so configuration cannot weaken them.
/// </summary>
public static class KafkaClientConfigs
{
    public static ConsumerConfig Consumer(KafkaOptions options, string groupId, string clientId)
    {
        var config = new ConsumerConfig(new Dictionary<string, string>(options.Consumer))
        {
            BootstrapServers = options.BootstrapServers,
            GroupId = groupId,
            ClientId = clientId,
            // Postgres holds the authoritative offsets; Kafka's copy only feeds lag tooling.
            EnableAutoCommit = true,
            EnableAutoOffsetStore = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            IsolationLevel = IsolationLevel.ReadCommitted,
            EnablePartitionEof = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = options.SessionTimeoutMs,
            HeartbeatIntervalMs = Math.Max(250, options.SessionTimeoutMs / 5),
            FetchWaitMaxMs = 10,
        };
        return config;
    }

    public static ProducerConfig Producer(KafkaOptions options, string clientId)
    {
        var config = new ProducerConfig(new Dictionary<string, string>(options.Producer))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = clientId,
            EnableIdempotence = true,
            Acks = Acks.All,
            MaxInFlight = 5,
            LingerMs = 2,
            MessageTimeoutMs = 30_000,
        };
        return config;
    }
}
