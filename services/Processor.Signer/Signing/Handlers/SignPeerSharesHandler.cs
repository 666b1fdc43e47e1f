using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing.Handlers;

/// <summary>
/// The other signers' shares: each is checked against its sender's preprocess and verifying share (a bad one blames its
/// sender), then the signatures are aggregated, verified, and the subject emits its result.
/// </summary>
public sealed class SignPeerSharesHandler(ActiveAttempts attempts, SigningStore store, Blames blames) : IMessageHandler<SignPeerShares>
{
    public async ValueTask<HandleOutcome> HandleAsync(SignPeerShares message, HandlerContext context, CancellationToken cancellationToken)
    {
        var key = AttemptKey.From(message.Id);
        using var attempt = await attempts.FindAsync(context, key, AttemptStates.Shared, "the peers' shares", cancellationToken);
        if (attempt is null)
        {
            return HandleOutcome.Done;
        }

        var publicKey = attempt.Subject.CurveKey.PublicKey;
        var relayed = PeerData.ByParticipant(message.Shares, publicKey, attempt.Self, "shares");
        var signers = attempt.Row.Participants!.Where(p => p != attempt.Self).ToList();
        if (!relayed.Keys.SequenceEqual(signers))
        {
            throw new PoisonMessageException(
                $"{key}: shares were relayed from participants {string.Join(", ", relayed.Keys)}, but the signing set was {string.Join(", ", attempt.Row.Participants!)}.");
        }

        var faults = Round(attempt).TryComplete(attempt.Row.OurShares!, relayed, context);
        if (faults.Count > 0)
        {
            await blames.BlameAsync(context, key, faults, cancellationToken);
            return HandleOutcome.Done;
        }

        await store.CompleteAsync(context.Transaction, key, cancellationToken);
        return HandleOutcome.Done;
    }

    // The round we signed: our stored preprocesses and the peers' as relayed then (they were checked when they came).
    private static SigningRound Round(ActiveAttempt attempt)
    {
        var relayed = SignPeerPreprocesses.Parser.ParseFrom(attempt.Row.PeerPreprocesses).Preprocesses;
        var peers = PeerData.ByParticipant(relayed, attempt.Subject.CurveKey.PublicKey, attempt.Self, "preprocesses");
        var (round, faults) = attempt.Subject.Combine(attempt.Row.OurPreprocesses, peers);
        return round ?? throw new InvalidOperationException(
            $"{attempt.Key}: the preprocesses it signed with no longer combine: {string.Join(" ", faults.Select(f => f.Reason))}");
    }
}
