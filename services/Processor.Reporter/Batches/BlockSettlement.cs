using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.KeyBook;
using Processor.Messaging.Consuming;

namespace Processor.Reporter.Batches;

/// <summary>
/// Settles scanned blocks in height order: a block is settled once no part that could change its Batches can still arrive,
/// and only then gets its Batches (<see cref="BatchBuilder"/>). This is what makes Batch ids equal at every validator although
/// a key confirmed late reaches one validator's scanner after it passed the key's activation block (its parts then come from
/// a catch-up scan, after parts of higher blocks). The scanner's topic is one ordered partition, and the rules follow from
/// how the scanner writes it:
/// <list type="bullet">
/// <item>a block's own parts come in height order; an in-step key's parts of a block follow them in the same transaction;</item>
/// <item>a key's parts start with its activation marker and go up in height; a catch-up scan finishes before the next block's
/// own parts, so a key's parts of a block are complete when they all arrived, or the key has a part of a higher block, or the
/// own part of a block above both that block and the key's marker arrived;</item>
/// <item>a key confirmed to this service (the key book) whose activation block has arrived must first show its marker;</item>
/// <item>a key neither the scanned parts nor the key book named yet may show its marker below the settled height: blocks with
/// no key are settled without Batches, so settling starts again from its activation block (<see cref="ReopenForKeyAsync"/>).</item>
/// </list>
/// </summary>
public sealed partial class BlockSettlement(
    ScannedStore scanned, KeyBookStore keyBook, BatchStore batches, BatchBuilder builder, ILogger<BlockSettlement> logger)
{
    /// <summary>
    /// Makes the blocks from a newly activated key's activation block on unsettled again, so that its outputs there get their
    /// Batches. Possible only while no Batch was built from that height on: otherwise (a second key confirmed so late that
    /// the other key's Batches passed its activation) the ids could not be equal at every validator, and it is logged.
    /// </summary>
    public async Task ReopenForKeyAsync(NpgsqlTransaction transaction, int session, long activationHeight, CancellationToken cancellationToken)
    {
        var progress = await batches.LockProgressAsync(transaction, cancellationToken);
        if (!(progress.SettledHeight >= activationHeight))
        {
            return;
        }

        if (await batches.AnyBatchFromAsync(transaction, activationHeight, cancellationToken))
        {
            LogActivatedBelowBatches(logger, session, activationHeight, progress.SettledHeight!.Value);
            return;
        }

        await batches.SaveProgressAsync(transaction, progress with { SettledHeight = activationHeight - 1 }, cancellationToken);
    }

    /// <summary>Settles every block that can be, building their Batches, and moves the progress row.</summary>
    public async Task SettleAsync(HandlerContext context, Processor.Contracts.Common.V1.NetworkId network, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        var progress = await batches.LockProgressAsync(transaction, cancellationToken);
        var highest = await scanned.HighestBlockAsync(transaction, cancellationToken);
        if (highest is null)
        {
            return;
        }

        var settled = progress.SettledHeight ?? await scanned.LowestBlockAsync(transaction, cancellationToken) - 1;
        var nextId = progress.NextBatchId;
        var keys = await scanned.KeysAsync(transaction, cancellationToken);
        while (settled < highest && await CanSettleAsync(transaction, settled + 1, highest.Value, keys, cancellationToken))
        {
            settled++;
            nextId = await builder.BuildAsync(context, network, settled, nextId, keys, cancellationToken);
        }

        await batches.SaveProgressAsync(transaction, progress with { SettledHeight = settled, NextBatchId = nextId }, cancellationToken);
    }

    private async Task<bool> CanSettleAsync(
        NpgsqlTransaction transaction, long height, long highest, IReadOnlyList<ScannedKey> keys, CancellationToken cancellationToken)
    {
        var parts = await scanned.KeyPartsAtAsync(transaction, height, cancellationToken);
        foreach (var key in keys.Where(k => k.ActivationHeight <= height))
        {
            var complete = parts.Any(p => p.Session == key.Session && p.Received == p.PartCount);
            if (!complete
                && highest <= Math.Max(height, key.MarkerAfterHeight)
                && !await scanned.HasKeyPartAboveAsync(transaction, key.Session, height, cancellationToken))
            {
                return false;
            }
        }

        foreach (var known in await keyBook.ListAsync(transaction.Connection!, cancellationToken))
        {
            if (known.State != KeyState.Active || keys.Any(k => k.Session == known.Session))
            {
                continue;
            }

            var activation = known.ActivationBlock
                ?? await scanned.FirstHeightAtOrAfterAsync(transaction, known.ActivationTime!.Value.UtcDateTime, cancellationToken);
            if (activation <= height)
            {
                return false;
            }
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message =
        "Key of session {Session} activated at block {Height}, below Batches already built up to block {Settled}: its outputs there get no Batch")]
    private static partial void LogActivatedBelowBatches(ILogger logger, int session, long height, long settled);
}
