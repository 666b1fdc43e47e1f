namespace Processor.Messaging.Consuming;

/// <summary>The topics a service's consumer subscribes to.</summary>
public sealed class ConsumerSubscription
{
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> Topics => _topics;

    public void Add(IEnumerable<string> topics) => _topics.UnionWith(topics);
}
