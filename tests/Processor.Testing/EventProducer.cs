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
        using var producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig { BootstrapServers = KafkaBroker.BootstrapServers }).Build();
        await producer.ProduceAsync(topic, EventEnvelopes.ToKafkaMessage(outgoing, DateTimeOffset.UtcNow), cancellationToken);
        return outgoing.EventId;
    }
}
