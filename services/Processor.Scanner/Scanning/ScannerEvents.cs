using Google.Protobuf;
using Npgsql;
using Processor.Contracts;
using Processor.Messaging.Outbox;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Publishes the scanner's events inside the caller's transaction. They are new facts from the chain, not derived from a
/// consumed event, so they are named by natural keys (network, height, block id, key, part): the same part can never be
/// published under two ids.
/// </summary>
public sealed class ScannerEvents(IFactPublisher facts, NetworkTopics topics)
{
    public async Task AppendBlockPartsAsync(NpgsqlTransaction transaction, IReadOnlyList<ScannedBlockPart> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            await facts.AppendAsync(
                transaction, topics.ScannerBlocks, topics.Network, $"scanner/{topics.Network}/{part.Name}", part.Event, cancellationToken);
        }
    }

    public Task AppendReorgAsync(NpgsqlTransaction transaction, long forkHeight, string indexedHash, IMessage reorg, CancellationToken cancellationToken) =>
        facts.AppendAsync(
            transaction, topics.ScannerAlerts, topics.Network, $"scanner/{topics.Network}/reorg/{forkHeight}/{indexedHash}", reorg, cancellationToken);
}
