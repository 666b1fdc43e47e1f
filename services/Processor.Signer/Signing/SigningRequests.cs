using Google.Protobuf;
using Processor.Messaging.Consuming;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>
/// Takes a request to sign (a Batch from the reporter, a plan from the scheduler): checks it against the session's
/// confirmed keys, stores it and starts attempt 0. A request seen before has no second effect; one for a session whose
/// keys are not confirmed here yet waits (parks).
/// </summary>
public sealed class SigningRequests(ISessionKeyStore keyStore, SigningStore store, AttemptStarter starter)
{
    public async Task<HandleOutcome> AcceptAsync(
        HandlerContext context, uint session, IMessage request, Func<SessionKeys, SigningSubject> subjectOf, CancellationToken cancellationToken)
    {
        using var keys = await keyStore.FindConfirmedAsync(context.Connection, session, cancellationToken);
        if (keys is null)
        {
            return HandleOutcome.Park($"The keys of session {session} are not confirmed here (yet).");
        }

        var subject = subjectOf(keys);
        if (await store.InsertRequestAsync(context.Transaction, subject.Key, request.ToByteArray(), cancellationToken))
        {
            await starter.StartAsync(context, new AttemptKey(subject.Key, 0), subject, cancellationToken);
        }

        return HandleOutcome.Done;
    }
}
