using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;
using Processor.Signer.Secrets;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// <c>KeyGenPeerCommitments</c>: checks every other participant's commitments; emits our encrypted <c>KeyGenShares</c>,
/// or <c>InvalidCommitments</c> naming each participant that signed invalid ones (the attempt then fails).
/// </summary>
public sealed partial class KeyGenPeerCommitmentsHandler(
    CurrentCeremonies ceremonies, KeyGenerationStore store, SignerIdentityStore identities, CeremonyParticipants participants, NetworkTopics topics,
    ILogger<KeyGenPeerCommitmentsHandler> logger) : IMessageHandler<KeyGenPeerCommitments>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyGenPeerCommitments message, HandlerContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        if (await ceremonies.LockAsync(transaction, "KeyGenPeerCommitments", message.Session, message.Attempt, cancellationToken) is not { } stored)
        {
            return HandleOutcome.Done;
        }

        if (stored.State != CeremonyState.Committed)
        {
            LogAlreadyPast(logger, message.Session, message.Attempt, stored.State);
            return HandleOutcome.Done;
        }

        var parameters = stored.Parameters;
        using var identity = await identities.LoadOrCreateAsync(transaction, cancellationToken);
        using var ceremony = participants.Resume(parameters, identity);
        EnsureSameCommitments(ceremony, stored);

        var byParticipant = OnePerPeer(message, parameters);
        var round1 = new List<Round1Message>();
        var invalid = new List<(int Faulty, string Reason)>();
        foreach (var (participant, commitments) in byParticipant.OrderBy(p => p.Key))
        {
            try
            {
                round1.Add(DkgWire.ToRound1(ceremony.Session, commitments));
            }
            catch (DkgBlameException blame)
            {
                invalid.Add((participant, blame.Message));
            }
        }

        if (invalid.Count > 0)
        {
            foreach (var (faulty, reason) in invalid)
            {
                context.Emit(topics.ProcessorEvents, topics.Network, new InvalidCommitments
                {
                    Session = message.Session, Attempt = message.Attempt, Faulty = (uint)faulty, Reason = reason,
                });
            }

            await store.SetStateAsync(
                transaction, parameters, CeremonyState.Failed, $"invalid commitments from participant(s) {string.Join(", ", invalid.Select(i => i.Faulty))}",
                cancellationToken);
            return HandleOutcome.Done;
        }

        var round2 = ceremony.Participant.ReceiveRound1(round1).Serialize();
        var shares = new KeyGenShares { Session = message.Session, Attempt = message.Attempt };
        shares.Shares.AddRange(parameters.Peers.Select(recipient => new EncryptedShare
        {
            Sender = (uint)parameters.OurParticipant, Recipient = (uint)recipient, SignedShares = ByteString.CopyFrom(round2),
        }));
        await store.RecordSharesSentAsync(transaction, parameters, round1.Select(m => m.Serialize()), cancellationToken);
        context.Emit(topics.ProcessorEvents, topics.Network, shares);
        return HandleOutcome.Done;
    }

    /// <summary>
    /// The re-created participant must send what was sent: anything else means the secret key file changed since the
    /// attempt began, and continuing would give the others shares of a polynomial we never committed to.
    /// </summary>
    internal static void EnsureSameCommitments(ResumedCeremony ceremony, StoredCeremony stored)
    {
        if (!ceremony.OwnCommitments.Serialize().AsSpan().SequenceEqual(stored.OwnCommitments))
        {
            throw new PoisonMessageException(
                $"Session {stored.Parameters.Session} attempt {stored.Parameters.Attempt} cannot continue here: the secret key file " +
                $"({SignerOptions.SecretKeyFileSetting}) is not the one this attempt began with. The coordinator must start a new attempt.");
        }
    }

    private static Dictionary<int, ParticipantCommitments> OnePerPeer(KeyGenPeerCommitments message, CeremonyParameters parameters)
    {
        var what = $"KeyGenPeerCommitments for session {message.Session} attempt {message.Attempt}";
        var byParticipant = new Dictionary<int, ParticipantCommitments>();
        foreach (var commitments in message.Commitments)
        {
            var participant = (int)Math.Min(commitments.Participant, int.MaxValue);
            if (!parameters.Peers.Contains(participant))
            {
                throw new PoisonMessageException($"{what}: participant {commitments.Participant} is not another participant of this attempt (1..{parameters.ParticipantCount}, we are {parameters.OurParticipant}).");
            }

            if (!byParticipant.TryAdd(participant, commitments))
            {
                throw new PoisonMessageException($"{what}: two entries for participant {participant}.");
            }
        }

        var missing = parameters.Peers.Where(p => !byParticipant.ContainsKey(p)).ToList();
        return missing.Count == 0
            ? byParticipant
            : throw new PoisonMessageException($"{what}: no commitments from participant(s) {string.Join(", ", missing)}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KeyGenPeerCommitments for session {Session} attempt {Attempt} ignored: the attempt is already {State}")]
    private static partial void LogAlreadyPast(ILogger logger, uint session, uint attempt, CeremonyState state);
}
