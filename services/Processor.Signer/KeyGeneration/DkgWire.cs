using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// Maps the library's signed ceremony messages to the contract's fields and back. Round 1 is split into its parts
/// (commitments and proof per curve, encryption key, signature) and reassembled byte for byte; round 2 travels whole
/// (<c>EncryptedShare.signed_shares</c>). A message that cannot be reassembled or whose signature fails cannot be pinned
/// on anyone (the relay may have changed it): it is a poison message, not blame.
/// </summary>
public static class DkgWire
{
    private const int SignatureLength = 64;

    public static ParticipantCommitments ToContract(Round1Message message)
    {
        var bytes = message.Serialize();
        return new ParticipantCommitments
        {
            Participant = (uint)message.Sender,
            Substrate = ToContract(message.Dealings[0]),
            Network = ToContract(message.Dealings[1]),
            EncryptionKey = ByteString.CopyFrom(message.EncryptionKey.Serialize()),
            Signature = ByteString.CopyFrom(bytes.AsSpan(bytes.Length - SignatureLength)),
        };
    }

    /// <summary>
    /// The signed round-1 message of <paramref name="commitments"/>. Throws <see cref="DkgBlameException"/> when its sender
    /// signed invalid content (the caller reports <c>InvalidCommitments</c>).
    /// </summary>
    /// <exception cref="PoisonMessageException">Wrong shape, or not signed by the participant it names.</exception>
    public static Round1Message ToRound1(DkgSession session, ParticipantCommitments commitments)
    {
        var who = $"participant {commitments.Participant}'s commitments";
        if (commitments.Substrate is null || commitments.Network is null)
        {
            throw new PoisonMessageException($"{who} lack the substrate or the network part.");
        }

        byte[] bytes =
        [
            (byte)(commitments.Participant >> 8), (byte)commitments.Participant,
            .. commitments.EncryptionKey.Span,
            .. Part(session, session.Suites[0].Group, commitments.Substrate, $"{who} (substrate)"),
            .. Part(session, session.Suites[1].Group, commitments.Network, $"{who} (network)"),
            .. commitments.Signature.Span,
        ];
        try
        {
            var message = Round1Message.Deserialize(session, bytes);
            return message.Sender == commitments.Participant
                ? message
                : throw new PoisonMessageException($"{who} do not name their sender.");
        }
        catch (FormatException ex)
        {
            throw new PoisonMessageException($"{who} cannot be attributed to it (altered in relay, or malformed): {ex.Message}", ex);
        }
    }

    /// <summary>The sender's signed round-2 message carried by <paramref name="share"/>.</summary>
    /// <exception cref="PoisonMessageException">Malformed, not signed by the sender it names.</exception>
    public static Round2Message ToRound2(DkgSession session, EncryptedShare share)
    {
        try
        {
            var message = Round2Message.Deserialize(session, share.SignedShares.Span);
            return message.Sender == share.Sender
                ? message
                : throw new PoisonMessageException($"The shares named as participant {share.Sender}'s are signed by participant {message.Sender}.");
        }
        catch (FormatException ex)
        {
            throw new PoisonMessageException(
                $"Participant {share.Sender}'s shares cannot be attributed to it (altered in relay, or malformed): {ex.Message}", ex);
        }
    }

    private static DkgCommitment ToContract(Dealing dealing)
    {
        var commitment = new DkgCommitment { ProofOfKnowledge = ByteString.CopyFrom(dealing.Proof.Serialize()) };
        commitment.CoefficientCommitments.AddRange(dealing.Commitments.Select(c => ByteString.CopyFrom(c.Serialize())));
        return commitment;
    }

    private static byte[] Part(DkgSession session, Processor.Crypto.Groups.PrimeOrderGroup group, DkgCommitment commitment, string what)
    {
        if (commitment.CoefficientCommitments.Count != session.Threshold || commitment.CoefficientCommitments.Any(c => c.Length != group.ElementLength))
        {
            throw new PoisonMessageException(
                $"{what} must hold {session.Threshold} coefficient commitments of {group.ElementLength} bytes; it holds {commitment.CoefficientCommitments.Count}.");
        }

        if (commitment.ProofOfKnowledge.Length != ProofOfKnowledge.SerializedLength(group))
        {
            throw new PoisonMessageException($"{what}: a proof of knowledge has {ProofOfKnowledge.SerializedLength(group)} bytes, not {commitment.ProofOfKnowledge.Length}.");
        }

        return [.. commitment.CoefficientCommitments.SelectMany(c => c.ToByteArray()), .. commitment.ProofOfKnowledge.Span];
    }
}
