using Google.Protobuf;
using Npgsql;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Appends the scanner's events to its outbox inside the caller's transaction. The scanner's events are new facts from the
/// chain, not derived from a consumed event, so their ids come from natural keys (network, height, block id, key, part):
/// the same part can never be published under two ids.
/// </summary>
public sealed class ScannerEvents(MessagingTables tables, NetworkTopics topics, TimeProvider time)
{
    public async Task AppendBlockPartsAsync(NpgsqlTransaction transaction, IReadOnlyList<ScannedBlockPart> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await AppendAsync(transaction, topics.ScannerBlocks, $"scanner/{topics.Network}/{part.Name}", part.Event, cancellationToken);
        }
    }

    public Task AppendReorgAsync(NpgsqlTransaction transaction, long forkHeight, string indexedHash, IMessage reorg, CancellationToken cancellationToken) =>
        AppendAsync(transaction, topics.ScannerAlerts, $"scanner/{topics.Network}/reorg/{forkHeight}/{indexedHash}", reorg, cancellationToken);

    private Task AppendAsync(NpgsqlTransaction transaction, string topic, string naturalKey, IMessage message, CancellationToken cancellationToken)
    {
        var outgoing = new OutgoingEvent(EventIds.FromName(naturalKey), topic, topics.Network, message);
        return tables.AppendOutboxAsync(transaction, [OutboxRecords.From(outgoing, time.GetUtcNow())], cancellationToken);
    }
}
