using Npgsql;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Handlers;

/// <summary>
/// Registers a plan's eventuality: the plan completes when the network plug-in matches a finalized transaction to it. A plan
/// can arrive after the scanner passed the block holding its transaction (a scheduler that made it late, after the other
/// validators had signed and paid it; or a registration racing that block's scan), so the blocks already scanned since the
/// plan could first have been paid are registered to be looked through once more (<see cref="Scanning.EventualityLookBack"/>).
/// </summary>
public sealed class PlanCreatedHandler(ScannerStore store, IEventualityMatcher eventualities) : IMessageHandler<PlanCreated>
{
    private const int PlanIdLength = 32;

    public async ValueTask<HandleOutcome> HandleAsync(PlanCreated message, HandlerContext context, CancellationToken cancellationToken)
    {
        if (message.PlanId.Length != PlanIdLength)
        {
            throw new PoisonMessageException($"PlanCreated: the plan id must be {PlanIdLength} bytes (got {message.PlanId.Length}).");
        }

        if (!eventualities.IsWellFormed(message.EventualityTxid.Span))
        {
            throw new PoisonMessageException($"PlanCreated: the eventuality ({message.EventualityTxid.Length} bytes) is not one of this network.");
        }

        await store.InsertEventualityAsync(
            context.Transaction, message.PlanId.ToByteArray(), (int)message.Session, message.EventualityTxid.ToByteArray(),
            await LookBackAsync(message, context.Transaction, cancellationToken), cancellationToken);
        return HandleOutcome.Done;
    }

    /// <summary>
    /// The scanned blocks that could hold the plan's transaction: those after the block it was made at (when the message does
    /// not say, after the block of its newest input). Null when there are none.
    /// </summary>
    private async Task<HeightRange?> LookBackAsync(PlanCreated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await store.LockNextHeightForShareAsync(transaction, cancellationToken) is not { } nextHeight)
        {
            return null;
        }

        var madeAt = message.ExternalBlockNumber != 0
            ? checked((long)message.ExternalBlockNumber)
            : await store.NewestOutputHeightAsync(
                transaction, [.. message.Inputs.Select(i => (i.Id.Txid.ToByteArray(), checked((int)i.Id.Vout)))], cancellationToken);
        if (madeAt is not { } made)
        {
            // Neither the block nor any input is known here: nothing tells where to look, and a plan always has inputs.
            return null;
        }

        return made + 1 <= nextHeight - 1 ? new HeightRange(made + 1, nextHeight - 1) : null;
    }
}
