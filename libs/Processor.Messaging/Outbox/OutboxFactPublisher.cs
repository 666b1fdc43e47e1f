using Google.Protobuf;
using Npgsql;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Outbox;

/// <summary>Facts into the outbox of <paramref name="tables"/>'s schema (what services get from DI as <see cref="IFactPublisher"/>).</summary>
public sealed class OutboxFactPublisher(MessagingTables tables, TimeProvider time) : IFactPublisher
{
    public async Task<Guid> AppendAsync(
        NpgsqlTransaction transaction, string topic, string partitionKey, string naturalKey, IMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrWhiteSpace(naturalKey);
        ArgumentNullException.ThrowIfNull(message);
        var outgoing = new OutgoingEvent(EventIds.FromName(naturalKey), topic, partitionKey, message);
        await tables.AppendOutboxAsync(transaction, [OutboxRecords.From(outgoing, time.GetUtcNow())], cancellationToken);
        return outgoing.EventId;
    }
}
