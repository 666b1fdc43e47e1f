using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing.Handlers;

/// <summary>A plan from the scheduler: its transaction is signed, one machine per input (Bitcoin: BIP340 FROST; Monero: threshold CLSAG).</summary>
public sealed class PlanCreatedHandler(SigningRequests requests, SigningSubjects subjects) : IMessageHandler<PlanCreated>
{
    public async ValueTask<HandleOutcome> HandleAsync(PlanCreated message, HandlerContext context, CancellationToken cancellationToken) =>
        await requests.AcceptAsync(context, message.Session, message, keys => subjects.ForPlan(message, keys), cancellationToken);
}
