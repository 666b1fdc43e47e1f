using Microsoft.Extensions.Logging;
using Processor.Messaging.Consuming;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>An attempt a coordinator step applies to, with the keys and subject to continue it (dispose: zeroes the keys).</summary>
public sealed record ActiveAttempt(AttemptKey Key, SigningAttemptRow Row, SessionKeys Keys, SigningSubject Subject) : IDisposable
{
    public int Self => Keys.Participant;

    public void Dispose() => Keys.Dispose();
}

/// <summary>
/// Finds the attempt a coordinator message continues. Messages for another attempt than the current one, for an attempt
/// that is not at the expected step (a repeated command), or for a completed subject are ignored: they have no effect.
/// </summary>
public sealed partial class ActiveAttempts(SigningStore store, ISessionKeyStore keyStore, SigningSubjects subjects, ILogger<ActiveAttempts> logger)
{
    /// <summary>The attempt at <paramref name="expectedState"/>, locked for this transaction; null when the message is to be ignored.</summary>
    public async Task<ActiveAttempt?> FindAsync(HandlerContext context, AttemptKey key, string expectedState, string step, CancellationToken cancellationToken)
    {
        var request = await store.LockRequestAsync(context.Transaction, key.Subject, cancellationToken);
        if (request is null || request.Completed || request.CurrentAttempt != (int)key.Attempt)
        {
            LogIgnored(logger, step, key.ToString(), request is null ? "nothing to sign is known by that id" : request.Completed
                ? "it is already signed" : $"the current attempt is {request.CurrentAttempt}");
            return null;
        }

        var row = await store.LockAttemptAsync(context.Transaction, key, cancellationToken);
        if (row is null || row.State != expectedState)
        {
            LogIgnored(logger, step, key.ToString(), $"the attempt is {row?.State ?? "not started here"}");
            return null;
        }

        var keys = await keyStore.FindConfirmedAsync(context.Connection, key.Subject.Session, cancellationToken)
            ?? throw new InvalidOperationException($"The keys of session {key.Subject.Session} are gone, yet {key} was started with them.");
        try
        {
            return new ActiveAttempt(key, row, keys, subjects.Rebuild(key.Subject.Kind, request.Request, keys));
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignored {Step} for {Attempt}: {Reason}")]
    private static partial void LogIgnored(ILogger logger, string step, string attempt, string reason);
}
