using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.KeyGeneration;

namespace Processor.Signer.Testing;

/// <summary>
/// Someone outside a key generation who checks a blame with the ceremony's public parameters only (any participant's
/// <c>GenerateKey</c>) and the messages as relayed: no secret of any participant.
/// </summary>
public static class ThirdPartyJudge
{
    /// <summary>
    /// Judges relayed commitments: the culprit is their sender when they are signed by it and invalid; none when they are
    /// valid, or cannot be attributed to it (then nobody can be blamed for them).
    /// </summary>
    public static DkgVerdict JudgeCommitments(GenerateKey ceremony, string network, NetworkCurve curve, ParticipantCommitments commitments)
    {
        ArgumentNullException.ThrowIfNull(commitments);
        try
        {
            _ = DkgWire.ToRound1(SessionOf(ceremony, network, curve), commitments);
            return new DkgVerdict(null, "the commitments are valid");
        }
        catch (DkgBlameException blame)
        {
            return new DkgVerdict((int)commitments.Participant, blame.Message);
        }
        catch (PoisonMessageException unattributable)
        {
            return new DkgVerdict(null, unattributable.Message);
        }
    }

    /// <summary>Judges the evidence of an <c>InvalidShare</c> (or of any other blame): who is at fault, the accused or the accuser.</summary>
    /// <exception cref="FormatException">The evidence is malformed.</exception>
    public static DkgVerdict JudgeEvidence(GenerateKey ceremony, string network, NetworkCurve curve, ByteString evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var session = SessionOf(ceremony, network, curve);
        return DkgEvidence.Deserialize(session, evidence.Span).Judge(session);
    }

    // Any participant's GenerateKey lists every identity key: its own listed key stands in for "ours".
    private static DkgSession SessionOf(GenerateKey ceremony, string network, NetworkCurve curve)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        var listed = ceremony.Participants.FirstOrDefault(p => p.Participant == ceremony.OurParticipant)
            ?? throw new ArgumentException($"GenerateKey does not list its participant {ceremony.OurParticipant}.", nameof(ceremony));
        return CeremonyParameters.From(ceremony, listed.IdentityKey.ToByteArray()).ToDkgSession(network, curve);
    }
}
