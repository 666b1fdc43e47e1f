namespace Processor.Messaging.Provisioning;

/// <summary>A topic the application needs, with the partition count it is created with.</summary>
public sealed record TopicSpec(string Name, int Partitions);

/// <summary>
/// Creates topics before any client uses them. A real broker does it through the admin API; the embedded broker
/// (librdkafka's mock cluster) has no admin API, so its host creates them on request.
/// </summary>
public interface ITopicProvisioner
{
    /// <summary>Creates every topic that does not exist yet; existing topics are left as they are.</summary>
    Task EnsureTopicsAsync(IReadOnlyCollection<TopicSpec> topics, CancellationToken cancellationToken);
}
