using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// <c>VerifyBlame</c>: judges another participant's accusation from its evidence and the attempt's public parameters
/// alone, and emits <c>Blame</c> of the accused (the share was bad) or of the accuser (false accusation). Evidence that
/// proves nothing (altered in relay, or about other participants) is a poison message: it blames nobody.
/// </summary>
public sealed class VerifyBlameHandler(CurrentCeremonies ceremonies, KeyGenerationStore store, NetworkTopics topics, CeremonyParticipants participants)
    : IMessageHandler<VerifyBlame>
{
    public async ValueTask<HandleOutcome> HandleAsync(VerifyBlame message, HandlerContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        if (await ceremonies.LockAsync(transaction, "VerifyBlame", message.Session, message.Attempt, cancellationToken) is not { } stored)
        {
            return HandleOutcome.Done;
        }

        var what = $"VerifyBlame for session {message.Session} attempt {message.Attempt} (participant {message.Accuser} accuses {message.Accused})";
        var session = participants.SessionOf(stored.Parameters);
        DkgEvidence evidence;
        try
        {
            evidence = DkgEvidence.Deserialize(session, message.Evidence.Span);
        }
        catch (FormatException ex)
        {
            throw new PoisonMessageException($"{what}: the evidence is malformed: {ex.Message}", ex);
        }

        if (evidence is not ShareAccusation accusation || accusation.Accuser != message.Accuser || accusation.Accused != message.Accused)
        {
            throw new PoisonMessageException($"{what}: the evidence is not participant {message.Accuser}'s accusation of participant {message.Accused}.");
        }

        var verdict = accusation.Judge(session);
        if (verdict.Culprit is not { } culprit)
        {
            throw new PoisonMessageException($"{what}: the evidence proves nothing ({verdict.Finding}).");
        }

        if (await store.RecordVerdictAsync(transaction, message.Session, message.Attempt, message.Accuser, message.Accused, culprit, verdict.Finding, cancellationToken))
        {
            context.Emit(topics.ProcessorEvents, topics.Network, new Blame
            {
                Session = message.Session, Attempt = message.Attempt, Participant = (uint)culprit, Reason = verdict.Finding,
            });
        }

        return HandleOutcome.Done;
    }
}
