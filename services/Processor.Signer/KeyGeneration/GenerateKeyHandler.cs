using Microsoft.Extensions.Logging;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;
using Processor.Signer.Secrets;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// <c>GenerateKey</c>: starts the attempt (both curves in one ceremony) and emits our <c>KeyGenCommitments</c>. A repeated
/// command for a started attempt, or one for an attempt older than the latest, changes nothing.
/// </summary>
public sealed partial class GenerateKeyHandler(
    SignerIdentityStore identities, KeyGenerationStore store, CeremonyParticipants participants, NetworkTopics topics,
    ILogger<GenerateKeyHandler> logger) : IMessageHandler<GenerateKey>
{
    public async ValueTask<HandleOutcome> HandleAsync(GenerateKey message, HandlerContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        var latest = await store.LatestAttemptAsync(transaction, message.Session, cancellationToken);
        if (latest is { } started && message.Attempt <= started)
        {
            LogAlreadyStarted(logger, message.Session, message.Attempt, started);
            return HandleOutcome.Done;
        }

        using var identity = await identities.LoadOrCreateAsync(transaction, cancellationToken);
        var parameters = CeremonyParameters.From(message, identity.PublicKey.Serialize());
        using var ceremony = participants.Resume(parameters, identity);
        await store.InsertAsync(transaction, parameters, ceremony.OwnCommitments.Serialize(), cancellationToken);
        context.Emit(topics.ProcessorEvents, topics.Network, new KeyGenCommitments
        {
            Session = message.Session,
            Attempt = message.Attempt,
            Commitments = DkgWire.ToContract(ceremony.OwnCommitments),
        });
        return HandleOutcome.Done;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "GenerateKey for session {Session} attempt {Attempt} ignored: attempt {Started} was already started")]
    private static partial void LogAlreadyStarted(ILogger logger, uint session, uint attempt, long started);
}
