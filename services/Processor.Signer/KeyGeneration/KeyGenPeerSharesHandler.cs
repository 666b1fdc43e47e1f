using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;
using Processor.Signer.Secrets;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// <c>KeyGenPeerShares</c>: decrypts and checks the shares addressed to us. Success stores the keys (shares sealed, the
/// network key with its offset) and emits <c>GeneratedKeyPair</c> to the coordinator and <c>KeyGenerated</c> to the
/// other services; a bad share emits <c>InvalidShare</c> with evidence anyone can check (the attempt then fails).
/// </summary>
public sealed partial class KeyGenPeerSharesHandler(
    CurrentCeremonies ceremonies, KeyGenerationStore store, SessionKeyStore keys, SignerIdentityStore identities, CeremonyParticipants participants,
    INetworkKeyForm networkKeyForm, NetworkTopics topics, ILogger<KeyGenPeerSharesHandler> logger) : IMessageHandler<KeyGenPeerShares>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyGenPeerShares message, HandlerContext context, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        if (await ceremonies.LockAsync(transaction, "KeyGenPeerShares", message.Session, message.Attempt, cancellationToken) is not { } stored)
        {
            return HandleOutcome.Done;
        }

        if (stored.State != CeremonyState.SharesSent)
        {
            return stored.State == CeremonyState.Committed
                ? throw new PoisonMessageException(
                    $"KeyGenPeerShares for session {message.Session} attempt {message.Attempt} came before the others' commitments (KeyGenPeerCommitments).")
                : Ignored(message, stored.State);
        }

        var parameters = stored.Parameters;
        using var identity = await identities.LoadOrCreateAsync(transaction, cancellationToken);
        using var ceremony = participants.Resume(parameters, identity);
        KeyGenPeerCommitmentsHandler.EnsureSameCommitments(ceremony, stored);
        var round1 = stored.PeerCommitments.Select(bytes => Round1Message.Deserialize(ceremony.Session, bytes)).ToList();
        var round2 = OnePerPeer(message, parameters).Select(share => DkgWire.ToRound2(ceremony.Session, share)).ToList();
        ceremony.Participant.ReceiveRound1(round1);

        DkgResult result;
        try
        {
            result = ceremony.Participant.ReceiveRound2(round2);
        }
        catch (DkgBlameException blame)
        {
            foreach (var evidence in blame.Evidence)
            {
                context.Emit(topics.ProcessorEvents, topics.Network, new InvalidShare
                {
                    Session = message.Session, Attempt = message.Attempt, Accuser = (uint)parameters.OurParticipant, Faulty = (uint)evidence.Accused,
                    Evidence = ByteString.CopyFrom(evidence.Serialize()),
                });
            }

            await store.SetStateAsync(transaction, parameters, CeremonyState.Failed, blame.Message, cancellationToken);
            return HandleOutcome.Done;
        }
        catch (DkgException inconsistent)
        {
            // Nobody can be blamed for what the relay showed to whom: the coordinator must re-run the attempt.
            throw new PoisonMessageException($"Session {message.Session} attempt {message.Attempt}: {inconsistent.Message}", inconsistent);
        }

        using var generated = GeneratedKeys.From(result, networkKeyForm);
        var keyPair = generated.ToKeyPair();
        await keys.SaveGeneratedAsync(
            transaction, message.Session, message.Attempt, parameters.OurParticipant, parameters.ParticipantCount, generated, cancellationToken);
        await store.SetStateAsync(transaction, parameters, CeremonyState.Generated, null, cancellationToken);
        context.Emit(topics.ProcessorEvents, topics.Network, new GeneratedKeyPair { Session = message.Session, Attempt = message.Attempt, KeyPair = keyPair });
        context.Emit(topics.SignerKeys, topics.Network, new KeyGenerated
        {
            Network = (NetworkId)networkKeyForm.SeraiNetworkId, Session = message.Session, KeyPair = keyPair,
            Threshold = (uint)parameters.Threshold, ParticipantCount = (uint)parameters.ParticipantCount,
        });
        return HandleOutcome.Done;
    }

    private HandleOutcome Ignored(KeyGenPeerShares message, CeremonyState state)
    {
        LogAlreadyDone(logger, message.Session, message.Attempt, state);
        return HandleOutcome.Done;
    }

    private static List<EncryptedShare> OnePerPeer(KeyGenPeerShares message, CeremonyParameters parameters)
    {
        var what = $"KeyGenPeerShares for session {message.Session} attempt {message.Attempt}";
        var bySender = new Dictionary<int, EncryptedShare>();
        foreach (var share in message.Shares)
        {
            var sender = (int)Math.Min(share.Sender, int.MaxValue);
            if (share.Recipient != parameters.OurParticipant)
            {
                throw new PoisonMessageException($"{what}: a share from participant {share.Sender} is addressed to participant {share.Recipient}, not to us ({parameters.OurParticipant}).");
            }

            if (!parameters.Peers.Contains(sender))
            {
                throw new PoisonMessageException($"{what}: participant {share.Sender} is not another participant of this attempt (1..{parameters.ParticipantCount}).");
            }

            if (!bySender.TryAdd(sender, share))
            {
                throw new PoisonMessageException($"{what}: two shares from participant {sender}.");
            }
        }

        var missing = parameters.Peers.Where(p => !bySender.ContainsKey(p)).ToList();
        return missing.Count == 0
            ? [.. bySender.OrderBy(p => p.Key).Select(p => p.Value)]
            : throw new PoisonMessageException($"{what}: no shares from participant(s) {string.Join(", ", missing)}.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "KeyGenPeerShares for session {Session} attempt {Attempt} ignored: the attempt is already {State}")]
    private static partial void LogAlreadyDone(ILogger logger, uint session, uint attempt, CeremonyState state);
}
