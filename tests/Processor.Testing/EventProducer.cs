using Confluent.Kafka;
using Google.Protobuf;
using Processor.Messaging.Envelopes;

namespace Processor.Testing;

/// <summary>Publishes events to the test broker as another service's outbox relay would (same key, value and headers).</summary>
public static class EventProducer
{
    /// <summary>Publishes <paramref name="message"/> as a new fact (a fresh id unless <paramref name="eventId"/> is given); returns its id.</summary>
    public static async Task<Guid> PublishAsync(
        string topic, string key, IMessage message, CancellationToken cancellationToken, Guid? eventId = null)
    {
        var outgoing = new OutgoingEvent(eventId ?? EventIds.NewFact(), topic, key, message);
        using var producer = Build();
        await producer.ProduceAsync(topic, EventEnvelopes.ToKafkaMessage(outgoing, DateTimeOffset.UtcNow), cancellationToken);
        return outgoing.EventId;
    }

    /// <summary>
    /// Publishes <paramref name="message"/> to each of <paramref name="topics"/> (a new fact each) through one producer, all
    /// sent before any delivery is awaited: as each validator's own service would publish it, at about the same time.
    /// </summary>
    public static async Task PublishToEachAsync(IEnumerable<string> topics, string key, IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        using var producer = Build();
        var now = DateTimeOffset.UtcNow;
        await Task.WhenAll(topics.Select(topic => producer.ProduceAsync(
            topic, EventEnvelopes.ToKafkaMessage(new OutgoingEvent(EventIds.NewFact(), topic, key, message), now), cancellationToken)).ToList());
    }

    private static IProducer<byte[]?, byte[]> Build() =>
        new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = KafkaBroker.BootstrapServers }).Build();
}
