using System.ComponentModel.DataAnnotations;

namespace Processor.Messaging;

/// <summary>How a service consumes and publishes, bound from the <c>Messaging</c> configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>The service's own Postgres schema: its state and its messaging tables.</summary>
    [Required]
    [RegularExpression("^[a-z][a-z0-9_]{0,62}$", ErrorMessage = "Messaging:Schema must be a lower-case identifier.")]
    public string Schema { get; set; } = "";

    /// <summary>Kafka consumer group, also the key of the stored offsets.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "";

    /// <summary>Prefix of the Kafka client id (the host name is appended).</summary>
    [Required]
    public string ServiceName { get; set; } = "";

    /// <summary>Records applied in one Postgres transaction at most.</summary>
    [Range(1, 10_000)]
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>How often a failing handler is tried before its record goes to the dead-letter topic.</summary>
    [Range(1, 100)]
    public int HandlerAttempts { get; set; } = 3;

    /// <summary>First back-off after a failure; doubles up to <see cref="MaxRetryBackoff"/>.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxRetryBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a parked partition waits before its record is tried again (sooner after other progress).</summary>
    public TimeSpan ParkRecheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long start-up waits for Postgres to become reachable before the service gives up.</summary>
    public TimeSpan StartupTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The default of <see cref="MaxEventBytes"/>: below the broker's default <c>message.max.bytes</c> (1 MB) with room for headers and framing.</summary>
    public const int DefaultMaxEventBytes = 900_000;

    /// <summary>
    /// The largest event (key, value and headers) the outbox accepts. Appending a larger one fails in the caller's
    /// transaction, so the producer of the fact splits it; keep this below the broker's <c>message.max.bytes</c>.
    /// </summary>
    [Range(1024, 100_000_000)]
    public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;

    /// <summary>Outbox rows published per relay round.</summary>
    [Range(1, 50_000)]
    public int RelayBatchSize { get; set; } = 2000;

    /// <summary>Published outbox rows older than this are deleted; keep it at least as long as the replay horizon.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);
}
