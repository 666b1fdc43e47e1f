using System.ComponentModel.DataAnnotations;

namespace Processor.Messaging.Kafka;

/// <summary>Which broker the service talks to.</summary>
public enum KafkaMode
{
    /// <summary>A real Kafka cluster; topics are created through the admin API.</summary>
    External,

    /// <summary>The embedded broker host (librdkafka's mock cluster); topics are created through its control API.</summary>
    Embedded,
}

/// <summary>Broker connection settings, bound from the <c>Kafka</c> configuration section.</summary>
public sealed class KafkaOptions
{
    public const string SectionName = "Kafka";

    [Required(ErrorMessage = "Kafka:BootstrapServers is required (e.g. 127.0.0.1:29092).")]
    public string BootstrapServers { get; set; } = "";

    public KafkaMode Mode { get; set; } = KafkaMode.External;

    /// <summary>The embedded broker host's control API; required when <see cref="Mode"/> is Embedded.</summary>
    public Uri? EmbeddedControlUrl { get; set; }

    /// <summary>Replication factor for topics the service creates on a real broker (-1: broker default).</summary>
    [Range(-1, 16)]
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>Classic-protocol session timeout; short so a crashed member's partitions move quickly.</summary>
    [Range(1000, 300_000)]
    public int SessionTimeoutMs { get; set; } = 6000;

    /// <summary>Extra librdkafka consumer properties; invariants the exactly-once design needs are forced over them.</summary>
    public Dictionary<string, string> Consumer { get; set; } = [];

    /// <summary>Extra librdkafka producer properties; idempotence is forced over them.</summary>
    public Dictionary<string, string> Producer { get; set; } = [];
}
