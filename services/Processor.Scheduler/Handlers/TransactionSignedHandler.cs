using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scheduler.Publishing;
using Processor.Scheduler.Storage;

namespace Processor.Scheduler.Handlers;

/// <summary>
/// Stores a plan's signed transaction and reports it signed; the <see cref="TransactionBroadcaster"/> publishes it after the
/// commit, so a crash between the two still publishes it. The transaction must complete the plan's eventuality, as the
/// plug-in decides (<see cref="IEventualityMatcher.CompletingTransactionId"/>: Bitcoin, the txid is the eventuality; Monero,
/// the outputs and extra are the planned ones), and carry its own id. A copy for a plan already signed (a re-attempt, a
/// replay) changes nothing; for a plan already completed (a rebuild can read its block first) the transaction is kept, the
/// plan stays completed.
/// </summary>
public sealed class TransactionSignedHandler(PlanStore plans, IEventualityMatcher eventualities, NetworkTopics topics, TimeProvider time)
    : IMessageHandler<TransactionSigned>
{
    public async ValueTask<HandleOutcome> HandleAsync(TransactionSigned message, HandlerContext context, CancellationToken cancellationToken)
    {
        var planId = message.PlanId.ToByteArray();
        var plan = await plans.LockAsync(context.Transaction, planId, cancellationToken);
        if (plan is null)
        {
            // During a rebuild the signatures may be read before the acknowledgement that creates the plan again.
            return HandleOutcome.Park($"TransactionSigned for plan {Convert.ToHexStringLower(planId)}, which this scheduler has not created (yet)");
        }

        if (message.Transaction.IsEmpty)
        {
            throw new PoisonMessageException($"TransactionSigned for plan {Convert.ToHexStringLower(planId)} has no transaction.");
        }

        var txid = eventualities.CompletingTransactionId(plan.Eventuality, message.Transaction.Span)
            ?? throw new PoisonMessageException(
                $"TransactionSigned for plan {Convert.ToHexStringLower(planId)} carries a transaction that does not complete the plan's eventuality.");
        if (!message.Txid.Span.SequenceEqual(txid))
        {
            throw new PoisonMessageException(
                $"TransactionSigned for plan {Convert.ToHexStringLower(planId)} names transaction {Convert.ToHexStringLower(message.Txid.Span)}, " +
                $"but the transaction it carries is {Convert.ToHexStringLower(txid)}.");
        }

        await plans.SaveSignedAsync(context.Transaction, planId, txid, message.Transaction.ToByteArray(), time.GetUtcNow(), cancellationToken);
        if (plan.Progress != PlanProgress.Created)
        {
            return HandleOutcome.Done;
        }

        context.Emit(topics.ProcessorEvents, topics.Network, new PlanStatus
        {
            Session = (uint)plan.Session,
            PlanId = message.PlanId,
            State = PlanState.Signed,
            Txid = ByteString.CopyFrom(txid),
        });
        return HandleOutcome.Done;
    }
}
