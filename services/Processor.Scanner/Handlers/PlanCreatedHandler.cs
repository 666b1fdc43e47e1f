using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Handlers;

/// <summary>Registers a plan's eventuality: the plan completes when the network plug-in matches a finalized transaction to it.</summary>
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
            context.Transaction, message.PlanId.ToByteArray(), (int)message.Session, message.EventualityTxid.ToByteArray(), cancellationToken);
        return HandleOutcome.Done;
    }
}
