using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing.Handlers;

/// <summary>
/// Starts the attempt the coordinator names if it is newer than the current one (an equal or older number, or a completed
/// subject, is ignored). A re-attempt for something this signer has not been asked to sign yet waits (parks) until the
/// request arrives on its own topic.
/// </summary>
public sealed class SignReattemptHandler(SigningStore store, ISessionKeyStore keyStore, SigningSubjects subjects, AttemptStarter starter)
    : IMessageHandler<SignReattempt>
{
    public async ValueTask<HandleOutcome> HandleAsync(SignReattempt message, HandlerContext context, CancellationToken cancellationToken)
    {
        var key = AttemptKey.From(message.Id);
        var request = await store.LockRequestAsync(context.Transaction, key.Subject, cancellationToken);
        if (request is null)
        {
            return HandleOutcome.Park($"{key}: this signer has not been asked to sign {key.Subject} yet.");
        }

        if (request.Completed || key.Attempt <= (uint)request.CurrentAttempt)
        {
            return HandleOutcome.Done;
        }

        using var keys = await keyStore.FindConfirmedAsync(context.Connection, key.Subject.Session, cancellationToken)
            ?? throw new InvalidOperationException($"The keys of session {key.Subject.Session} are gone, yet {key.Subject} was requested with them.");
        await starter.StartAsync(context, key, subjects.Rebuild(key.Subject.Kind, request.Request, keys), cancellationToken);
        return HandleOutcome.Done;
    }
}
