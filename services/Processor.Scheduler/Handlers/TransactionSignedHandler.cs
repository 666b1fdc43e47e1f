using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Scheduler.Publishing;
using Processor.Scheduler.Storage;

namespace Processor.Scheduler.Handlers;

/// <summary>
/// Stores a plan's signed transaction and reports it signed; the <see cref="TransactionBroadcaster"/> publishes it after the
/// commit, so a crash between the two still publishes it. A copy for a plan already signed (a re-attempt, a replay) changes
/// nothing; for a plan already completed (a rebuild can read its block first) the transaction is kept, the plan stays completed.
/// </summary>
public sealed class TransactionSignedHandler(PlanStore plans, NetworkTopics topics, TimeProvider time) : IMessageHandler<TransactionSigned>
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

        if (!message.Txid.Span.SequenceEqual(plan.Txid))
        {
            throw new PoisonMessageException(
                $"TransactionSigned for plan {Convert.ToHexStringLower(planId)} carries transaction {Convert.ToHexStringLower(message.Txid.Span)}, " +
                $"not the plan's eventuality {Convert.ToHexStringLower(plan.Txid)}.");
        }

        if (message.Transaction.IsEmpty)
        {
            throw new PoisonMessageException($"TransactionSigned for plan {Convert.ToHexStringLower(planId)} has no transaction.");
        }

        await plans.SaveSignedAsync(context.Transaction, planId, plan.Txid, message.Transaction.ToByteArray(), time.GetUtcNow(), cancellationToken);
        if (plan.Progress != PlanProgress.Created)
        {
            return HandleOutcome.Done;
        }

        context.Emit(topics.ProcessorEvents, topics.Network, new PlanStatus
        {
            Session = (uint)plan.Session,
            PlanId = message.PlanId,
            State = PlanState.Signed,
            Txid = ByteString.CopyFrom(plan.Txid),
        });
        return HandleOutcome.Done;
    }
}
