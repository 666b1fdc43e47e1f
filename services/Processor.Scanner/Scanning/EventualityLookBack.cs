using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Contracts.Scanner.V1;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Looks through already scanned blocks for the eventualities registered after the scanner passed them (see
/// <see cref="Handlers.PlanCreatedHandler"/>), and completes those it finds with a late completion part for the block that
/// holds the transaction. The blocks are read from the node and checked against the index; everything found is stored and
/// published in one transaction, so a crash before its end only repeats the look.
/// </summary>
public sealed partial class EventualityLookBack(
    NpgsqlDataSource dataSource,
    ScannerStore store,
    ScannerEvents events,
    INetworkNode node,
    IEventualityMatcher eventualities,
    NetworkParameters network,
    ILogger<EventualityLookBack> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<PendingLookBack> pending;
        await using (var reader = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            pending = await store.PendingLookBacksAsync(reader, cancellationToken);
        }

        if (pending.Count == 0)
        {
            return;
        }

        var looked = new Dictionary<long, ChainBlock>();
        var found = new List<(PendingLookBack Plan, ChainBlock Block, byte[] Txid)>();
        for (var height = pending.Min(p => p.FromHeight); height <= pending.Max(p => p.ToHeight); height++)
        {
            var candidates = pending.Where(p => p.Range.Contains(height) && !found.Exists(f => f.Plan == p)).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            if (await node.GetBlockHeaderAsync(height, cancellationToken) is not { } header)
            {
                // The node lags behind the index: the next poll looks again.
                return;
            }

            looked[height] = header;
            var block = await node.GetBlockAsync(header, cancellationToken);
            found.AddRange(eventualities.FindCompletions(block, [.. candidates.Select(c => c.Eventuality)])
                .Select(c => (candidates[c.EventualityIndex], header, c.TransactionId)));
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await store.LockProgressAsync(transaction, cancellationToken) is null || !await IsIndexedAsync(transaction, looked, cancellationToken))
        {
            // A wiped index scans everything anew; a changed one is the reorg guard's business first.
            return;
        }

        foreach (var (plan, block, txid) in found)
        {
            await store.CompleteEventualitiesAsync(transaction, [plan.PlanId], block.Height, cancellationToken);
            await events.AppendBlockPartsAsync(
                transaction,
                [ScannedBlockParts.ForLateCompletion(network, block, new CompletedEventuality
                {
                    Session = (uint)plan.Session,
                    PlanId = ByteString.CopyFrom(plan.PlanId),
                    Txid = ByteString.CopyFrom(txid),
                })],
                cancellationToken);
        }

        await store.FinishLookBacksAsync(transaction, [.. pending.Select(p => p.PlanId)], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var (plan, block, _) in found)
        {
            LogLateCompletion(logger, Convert.ToHexStringLower(plan.PlanId), block.Height, node.DisplayBlockId(block.Id));
        }
    }

    /// <summary>Whether every block looked through is the one the index holds at its height (or below the index's first).</summary>
    private async Task<bool> IsIndexedAsync(NpgsqlTransaction transaction, Dictionary<long, ChainBlock> looked, CancellationToken cancellationToken)
    {
        if (looked.Count == 0)
        {
            return true;
        }

        var indexed = await store.BlockHashesAsync(transaction, looked.Keys.Min(), looked.Keys.Max(), cancellationToken);
        return looked.All(b => !indexed.TryGetValue(b.Key, out var hash) || hash.AsSpan().SequenceEqual(b.Value.Id));
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Plan {PlanId} was registered after block {Height} ({Hash}) was scanned; that block completes it")]
    private static partial void LogLateCompletion(ILogger logger, string planId, long height, string hash);
}
