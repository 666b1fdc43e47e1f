using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;

namespace Processor.Testing;

/// <summary>
/// The Kafka broker of the test process (xUnit-independent). <c>KAFKA_BOOTSTRAP</c> names a real broker; otherwise ONE
/// <see cref="EmbeddedKafkaCluster"/> (librdkafka's mock, 3 brokers, free loopback ports) is started on first use, shared by every
/// test in the process, and left to the process's exit.
/// </summary>
/// <remarks>
/// Isolate tests with unique topic names (<see cref="UniqueTopic"/>) and unique consumer groups. The embedded broker is not
/// faithful for transactions, <c>OffsetsForTimes</c> or admin calls, and keeps ~5 MiB per partition: gate such tests on
/// <see cref="IsReal"/>. Never call <c>ListConsumerGroups</c> against it (it crashes the client).
/// </remarks>
public static class KafkaBroker
{
    /// <summary>Environment variable naming a real broker (bootstrap servers).</summary>
    public const string EnvironmentVariable = "KAFKA_BOOTSTRAP";

    private static readonly Lazy<(string Bootstrap, EmbeddedKafkaCluster? Cluster, ITopicProvisioner Provisioner)> Broker =
        new(StartOrUseExisting, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>True when <c>KAFKA_BOOTSTRAP</c> names a real broker (does not start anything).</summary>
    public static bool IsReal => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EnvironmentVariable));

    /// <summary>Bootstrap servers (starts the embedded cluster on first use).</summary>
    public static string BootstrapServers => Broker.Value.Bootstrap;

    /// <summary>
    /// Creates topics on this broker: <see cref="KafkaAdminTopicProvisioner"/> for a real broker, <see cref="InProcessTopicProvisioner"/>
    /// for the embedded one.
    /// </summary>
    public static ITopicProvisioner Provisioner => Broker.Value.Provisioner;

    /// <summary>The embedded cluster, or null when <see cref="IsReal"/>.</summary>
    public static EmbeddedKafkaCluster? Embedded => Broker.Value.Cluster;

    /// <summary>A unique topic name <c>{prefix}-{32 hex}</c>; the topic is not created.</summary>
    public static string UniqueTopic(string prefix = "test") => $"{prefix}-{Guid.NewGuid():N}";

    /// <summary>Creates a uniquely named topic with <paramref name="partitions"/> partitions and returns its name.</summary>
    public static async Task<string> CreateUniqueTopicAsync(string prefix, int partitions, CancellationToken cancellationToken = default)
    {
        var name = UniqueTopic(prefix);
        await Provisioner.EnsureTopicsAsync([new TopicSpec(name, partitions)], cancellationToken);
        return name;
    }

    private static (string, EmbeddedKafkaCluster?, ITopicProvisioner) StartOrUseExisting()
    {
        var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null, new KafkaAdminTopicProvisioner(configured));
        }

        // Never disposed: an in-process broker holds only memory and sockets, which go with the process, and tearing it down
        // while the process exits only delays the exit.
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        return (cluster.BootstrapServers, cluster, new InProcessTopicProvisioner(cluster));
    }
}
