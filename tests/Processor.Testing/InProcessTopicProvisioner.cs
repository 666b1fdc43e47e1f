using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;

namespace Processor.Testing;

/// <summary>Creates topics directly on an <see cref="EmbeddedKafkaCluster"/> hosted in this process (no HTTP hop).</summary>
public sealed class InProcessTopicProvisioner(EmbeddedKafkaCluster cluster) : ITopicProvisioner
{
    /// <inheritdoc />
    public Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        foreach (var topic in topics)
        {
            cancellationToken.ThrowIfCancellationRequested();
            cluster.CreateTopic(topic.Name, topic.Partitions);
        }

        return Task.CompletedTask;
    }
}
