using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Handlers;

/// <summary>Registers a plan's eventuality: the plan completes when its txid appears in a finalized block.</summary>
public sealed class PlanCreatedHandler(ScannerStore store) : IMessageHandler<PlanCreated>
{
    private const int HashLength = 32;

    public async ValueTask<HandleOutcome> HandleAsync(PlanCreated message, HandlerContext context, CancellationToken cancellationToken)
    {
        if (message.PlanId.Length != HashLength || message.EventualityTxid.Length != HashLength)
        {
            throw new PoisonMessageException(
                $"PlanCreated: plan id and eventuality txid must be {HashLength} bytes (got {message.PlanId.Length} and {message.EventualityTxid.Length}).");
        }

        await store.InsertEventualityAsync(
            context.Transaction, message.PlanId.ToByteArray(), (int)message.Session, message.EventualityTxid.ToByteArray(), cancellationToken);
        return HandleOutcome.Done;
    }
}
