using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing.Handlers;

/// <summary>
/// The other signers' shares: each is checked against its sender's verifying share (a bad one blames its sender), then
/// the signatures are aggregated, verified, and the subject emits its result.
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

        var subject = attempt.Subject;
        var publicKey = subject.CurveKey.PublicKey;
        var group = publicKey.Group;
        var relayed = PeerData.ByParticipant(message.Shares, publicKey, attempt.Self, "shares");
        var signers = attempt.Row.Participants!.Where(p => p != attempt.Self).ToList();
        if (!relayed.Keys.SequenceEqual(signers))
        {
            throw new PoisonMessageException(
                $"{key}: shares were relayed from participants {string.Join(", ", relayed.Keys)}, but the signing set was {string.Join(", ", attempt.Row.Participants!)}.");
        }

        var packages = Packages(attempt);
        var (peerShares, faults) = PeerData.Decode(relayed, subject.Machines.Count, group, (g, b) => SignatureShare.Deserialize(g, b), s => s.Identifier, "share");
        foreach (var (participant, shares) in peerShares)
        {
            var bad = Enumerable.Range(0, shares.Length).FirstOrDefault(m => !subject.Suite.VerifyShare(packages[m], shares[m], publicKey), -1);
            if (bad >= 0)
            {
                faults.Add(new ParticipantFault(participant, bad, relayed[participant][bad],
                    $"its share for machine {bad} does not verify against its verifying share " +
                    Convert.ToHexStringLower(publicKey.VerifyingShares[Identifier.FromIndex(group, participant)].Serialize())));
            }
        }

        if (faults.Count > 0)
        {
            await blames.BlameAsync(context, key, faults, cancellationToken);
            return HandleOutcome.Done;
        }

        var signatures = packages.Select((package, machine) => subject.Suite.Aggregate(
            package,
            peerShares.Values.Select(s => s[machine]).Append(SignatureShare.Deserialize(group, attempt.Row.OurShares![machine])),
            publicKey)).ToList();
        subject.Complete(signatures, context);
        await store.CompleteAsync(context.Transaction, key, cancellationToken);
        return HandleOutcome.Done;
    }

    // The packages we signed: our stored commitments and the peers' as relayed then (they were checked when they came).
    private static List<SigningPackage> Packages(ActiveAttempt attempt)
    {
        var subject = attempt.Subject;
        var group = subject.CurveKey.PublicKey.Group;
        var peers = SignPeerPreprocesses.Parser.ParseFrom(attempt.Row.PeerPreprocesses).Preprocesses;
        return [.. subject.Machines.Select((machine, m) => new SigningPackage(
            peers.Select(p => SigningCommitments.Deserialize(group, p.Data[m].Span))
                .Append(SigningCommitments.Deserialize(group, attempt.Row.OurPreprocesses[m])),
            machine.Message, machine.Offset))];
    }
}
