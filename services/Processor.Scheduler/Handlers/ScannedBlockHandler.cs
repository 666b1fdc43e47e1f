using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Messaging.Consuming;
using Processor.Scheduler.Storage;

namespace Processor.Scheduler.Handlers;

/// <summary>
/// Completes the plans whose transactions a finalized block contains: each is reported with <c>PlanCompleted</c> once, and
/// its re-broadcasts stop. The block's outputs are not taken here: they become spendable only once Serai acknowledges them.
/// </summary>
public sealed class ScannedBlockHandler(PlanStore plans, NetworkTopics topics, TimeProvider time) : IMessageHandler<ScannedBlock>
{
    public async ValueTask<HandleOutcome> HandleAsync(ScannedBlock message, HandlerContext context, CancellationToken cancellationToken)
    {
        foreach (var completion in message.CompletedEventualities)
        {
            var planId = completion.PlanId.ToByteArray();
            var plan = await plans.LockAsync(context.Transaction, planId, cancellationToken);
            if (plan is null)
            {
                // The scanner watches only plans this scheduler created: during a rebuild, their acknowledgement is still to come.
                return HandleOutcome.Park(
                    $"block {message.Height} completes plan {Convert.ToHexStringLower(planId)}, which this scheduler has not created (yet)");
            }

            if (plan.Progress == PlanProgress.Completed)
            {
                continue;
            }

            await plans.CompleteAsync(
                context.Transaction, planId, checked((long)message.Height), message.Hash.ToByteArray(), completion.Txid.ToByteArray(),
                time.GetUtcNow(), cancellationToken);
            context.Emit(topics.ProcessorEvents, topics.Network, new PlanCompleted
            {
                Session = (uint)plan.Session,
                PlanId = completion.PlanId,
                Txid = completion.Txid,
                ExternalBlockNumber = message.Height,
                ExternalBlockHash = message.Hash,
            });
        }

        return HandleOutcome.Done;
    }
}
