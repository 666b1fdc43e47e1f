using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace Processor.Messaging.Provisioning;

/// <summary>
/// Creates topics on a real Kafka broker through the admin API (<c>CreateTopics</c>). Topics that already exist are left as they
/// are. After creating, it waits (bounded) until Metadata shows every requested topic with leaders for all its partitions.
/// </summary>
/// <remarks>
/// The embedded broker (librdkafka's mock cluster) does not implement <c>CreateTopics</c>: use
/// <see cref="EmbeddedBrokerTopicProvisioner"/> there. An admin client is created per call and disposed before returning.
/// </remarks>
public sealed class KafkaAdminTopicProvisioner : ITopicProvisioner
{
    private readonly AdminClientConfig _config;
    private readonly short _replicationFactor;
    private readonly TimeSpan _timeout;

    /// <param name="bootstrapServers">The broker list.</param>
    /// <param name="replicationFactor">Replication factor of new topics; -1 (default) = the broker's <c>default.replication.factor</c>.</param>
    /// <param name="timeout">Bound on the request and on the wait for the topics to appear in Metadata (default 30 s).</param>
    public KafkaAdminTopicProvisioner(string bootstrapServers, short replicationFactor = -1, TimeSpan? timeout = null)
        : this(new AdminClientConfig { BootstrapServers = bootstrapServers }, replicationFactor, timeout)
    {
    }

    /// <param name="config">Admin client settings (bootstrap servers, security, ...); copied.</param>
    /// <param name="replicationFactor">Replication factor of new topics; -1 (default) = the broker's <c>default.replication.factor</c>.</param>
    /// <param name="timeout">Bound on the request and on the wait for the topics to appear in Metadata (default 30 s).</param>
    public KafkaAdminTopicProvisioner(AdminClientConfig config, short replicationFactor = -1, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (replicationFactor is 0 or < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(replicationFactor), replicationFactor, "Use -1 (broker default) or a positive factor.");
        }

        _config = new AdminClientConfig(config.ToDictionary(kv => kv.Key, kv => kv.Value));
        _replicationFactor = replicationFactor;
        _timeout = timeout ?? TimeSpan.FromSeconds(30);
    }

    /// <inheritdoc />
    public async Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            return;
        }

        foreach (var topic in topics)
        {
            if (string.IsNullOrWhiteSpace(topic.Name) || topic.Partitions < 1)
            {
                throw new ArgumentException($"Invalid topic spec {topic}: a name and at least one partition are required.", nameof(topics));
            }
        }

        using var admin = new AdminClientBuilder(_config).SetLogHandler((_, _) => { }).Build();
        var specifications = topics
            .DistinctBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => new TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = _replicationFactor })
            .ToList();

        try
        {
            await admin.CreateTopicsAsync(specifications, new CreateTopicsOptions { RequestTimeout = _timeout, OperationTimeout = _timeout })
                .WaitAsync(_timeout + TimeSpan.FromSeconds(5), cancellationToken);
        }
        catch (CreateTopicsException e)
        {
            var failures = e.Results.Where(r => r.Error.Code is not (ErrorCode.NoError or ErrorCode.TopicAlreadyExists)).ToList();
            if (failures.Count > 0)
            {
                throw new InvalidOperationException(
                    $"Creating topics on {_config.BootstrapServers} failed: " +
                    string.Join("; ", failures.Select(r => $"{r.Topic}: {r.Error.Code} ({r.Error.Reason})")) +
                    Hint(failures.Select(r => r.Error.Code)),
                    e);
            }
        }
        catch (KafkaException e)
        {
            throw new InvalidOperationException(
                $"Creating topics on {_config.BootstrapServers} failed: {e.Error.Code} ({e.Error.Reason}){Hint([e.Error.Code])}", e);
        }
        catch (TimeoutException e)
        {
            throw new InvalidOperationException($"Creating topics on {_config.BootstrapServers} did not complete within {_timeout}.", e);
        }

        await WaitForMetadataAsync(admin, specifications.Select(s => s.Name).ToList(), cancellationToken);
    }

    private static string Hint(IEnumerable<ErrorCode> codes) =>
        codes.Any(c => c is ErrorCode.Local_UnsupportedFeature or ErrorCode.UnsupportedVersion)
            ? ". The broker has no CreateTopics API: for the embedded broker (librdkafka's mock) use EmbeddedBrokerTopicProvisioner."
            : ".";

    private async Task WaitForMetadataAsync(IAdminClient admin, IReadOnlyList<string> names, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + _timeout;
        while (true)
        {
            var metadata = admin.GetMetadata(TimeSpan.FromSeconds(5));
            var ready = metadata.Topics
                .Where(t => t.Error.Code == ErrorCode.NoError && t.Partitions.Count > 0 && t.Partitions.All(p => p.Leader >= 0))
                .Select(t => t.Topic)
                .ToHashSet(StringComparer.Ordinal);
            var missing = names.Where(n => !ready.Contains(n)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException(
                    $"Topics {string.Join(", ", missing)} were created on {_config.BootstrapServers} but did not show up with leaders within {_timeout}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
