using Processor.Contracts.Reporter.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing.Handlers;

/// <summary>A Batch from the reporter: signed with the session's substrate key (sr25519 FROST).</summary>
public sealed class BatchSignRequestedHandler(SigningRequests requests, SigningSubjects subjects) : IMessageHandler<BatchSignRequested>
{
    public async ValueTask<HandleOutcome> HandleAsync(BatchSignRequested message, HandlerContext context, CancellationToken cancellationToken) =>
        await requests.AcceptAsync(context, message.Session, message, keys => subjects.ForBatch(message, keys), cancellationToken);
}
