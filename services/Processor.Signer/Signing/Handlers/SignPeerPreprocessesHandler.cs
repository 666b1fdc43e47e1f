using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing.Handlers;

/// <summary>
/// The coordinator chose the signing set and relays the others' preprocesses: check them, sign each machine with the
/// attempt's nonces (consumed: they never sign again) and send our shares. Bad preprocesses blame their sender.
/// </summary>
public sealed class SignPeerPreprocessesHandler(
    ActiveAttempts attempts, AttemptNonces nonces, SigningStore store, Blames blames, NetworkTopics topics) : IMessageHandler<SignPeerPreprocesses>
{
    public async ValueTask<HandleOutcome> HandleAsync(SignPeerPreprocesses message, HandlerContext context, CancellationToken cancellationToken)
    {
        var key = AttemptKey.From(message.Id);
        using var attempt = await attempts.FindAsync(context, key, AttemptStates.Preprocessed, "the peers' preprocesses", cancellationToken);
        if (attempt is null)
        {
            return HandleOutcome.Done;
        }

        var subject = attempt.Subject;
        var publicKey = subject.CurveKey.PublicKey;
        var relayed = PeerData.ByParticipant(message.Preprocesses, publicKey, attempt.Self, "preprocesses");
        if (relayed.Count + 1 < publicKey.Threshold)
        {
            throw new PoisonMessageException(
                $"{key}: {relayed.Count} other preprocesses and ours are fewer than the threshold {publicKey.Threshold}.");
        }

        var (round, faults) = subject.Combine(attempt.Row.OurPreprocesses, relayed);
        if (round is null)
        {
            await blames.BlameAsync(context, key, faults, cancellationToken);
            return HandleOutcome.Done;
        }

        if (nonces.Take(key) is not { } ours)
        {
            await store.FinishAttemptAsync(
                context.Transaction, key, AttemptStates.Abandoned,
                "Its nonces were lost (the signer restarted after its preprocess left); waiting for a re-attempt.", cancellationToken);
            return HandleOutcome.Done;
        }

        byte[][] shares;
        try
        {
            shares = round.Sign(ours);
        }
        finally
        {
            AttemptNonces.DisposeAll(ours);
        }

        await store.MarkSharedAsync(
            context.Transaction, key, [.. relayed.Keys.Append(attempt.Self).Order()], message.ToByteArray(), shares, cancellationToken);
        var share = new SignShare { Id = key.ToSignId(), Participant = (uint)attempt.Self };
        share.Shares.AddRange(shares.Select(ByteString.CopyFrom));
        context.Emit(topics.ProcessorEvents, topics.Network, share);
        return HandleOutcome.Done;
    }
}
