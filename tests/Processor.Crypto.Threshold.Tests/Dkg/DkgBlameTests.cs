using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>
/// A participant that sends a bad commitment, proof of knowledge or encrypted share is named, and the evidence convinces
/// a participant who never saw the bad message (judging with the session's public parameters and the evidence bytes only).
/// Participant 2 is the cheater throughout: it signs its bad messages with its own identity key, as a real cheater can.
/// </summary>
public sealed class DkgBlameTests
{
    private const int Cheater = 2;

    [Fact]
    public void TamperedCommitment_SharesStopMatchingAndTheDealerIsBlamed()
    {
        using var ceremony = new DkgCeremony(2, 4);
        var round1 = ceremony.Round1();

        // The cheater broadcasts a secp256k1 commitment C_1 that is not its polynomial's (C_0 and the proof stay valid).
        var honest = Round1Message.Deserialize(ceremony.Session, round1[Cheater - 1]);
        var secp = honest.Dealings[1];
        var tampered = new Dealing([secp.Commitments[0], secp.Commitments[1] + Secp256k1Group.Instance.Generator], secp.Proof);
        round1[Cheater - 1] = Round1Message.Create(ceremony.Session, Cheater, ceremony.Identities[Cheater - 1], honest.EncryptionKey, [honest.Dealings[0], tampered]).Serialize();
        var round2 = ceremony.Round2(round1);

        var blame = Assert.Throws<DkgBlameException>(() => ceremony.Finish(1, round2));
        Assert.Equal([Cheater], blame.Accused);
        var accusation = Assert.IsType<ShareAccusation>(blame.Evidence.Single());
        Assert.Equal(1, accusation.Accuser);

        var verdict = JudgeAsOutsider(ceremony, accusation);
        Assert.Equal(Cheater, verdict.Culprit);
        Assert.Contains("secp256k1 share for participant 1 does not match its commitments", verdict.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedProofOfKnowledge_IsSelfEvidentAndTheDealerIsBlamed()
    {
        using var ceremony = new DkgCeremony(2, 4);
        var round1 = ceremony.Round1();

        // The cheater's ristretto255 proof of knowledge gets a wrong response μ + 1.
        var honest = Round1Message.Deserialize(ceremony.Session, round1[Cheater - 1]);
        var dealing = honest.Dealings[0];
        using var one = Ristretto255Group.Instance.ScalarFromInteger(1);
        using var wrongResponse = dealing.Proof.Response + one;
        var badProof = ProofOfKnowledge.Deserialize(Ristretto255Group.Instance, [.. dealing.Proof.NonceCommitment.Serialize(), .. wrongResponse.Serialize()]);
        var tampered = Round1Message.Create(
            ceremony.Session, Cheater, ceremony.Identities[Cheater - 1], honest.EncryptionKey, [new Dealing(dealing.Commitments, badProof), honest.Dealings[1]]);

        // Every receiver rejects it on arrival, with the signed message itself as the evidence.
        var blame = Assert.Throws<DkgBlameException>(() => Round1Message.Deserialize(ceremony.Session, tampered.Serialize()));
        Assert.Equal([Cheater], blame.Accused);
        var verdict = JudgeAsOutsider(ceremony, Assert.IsType<InvalidRound1Evidence>(blame.Evidence.Single()));
        Assert.Equal(Cheater, verdict.Culprit);
        Assert.Contains("ristretto255 proof of knowledge does not verify", verdict.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedEncryptedShare_TheRecipientBlamesTheDealerAndAnotherParticipantAgrees()
    {
        using var ceremony = new DkgCeremony(2, 4);
        var round2 = ceremony.Round2(ceremony.Round1());

        // The cheater corrupts the ciphertext for participant 1 and signs the result.
        var honest = Round2Message.Deserialize(ceremony.Session, round2[Cheater - 1]);
        var ciphertexts = ceremony.Session.Indexes.Where(j => j != Cheater).ToDictionary(j => j, j => honest.CiphertextFor(j).ToArray());
        ciphertexts[1][5] ^= 0x40;
        round2[Cheater - 1] = Round2Message.Create(ceremony.Session, Cheater, ceremony.Identities[Cheater - 1], [.. honest.Round1Digest], ciphertexts).Serialize();

        var blame = Assert.Throws<DkgBlameException>(() => ceremony.Finish(1, round2));
        Assert.Equal([Cheater], blame.Accused);
        var evidence = blame.Evidence.Single().Serialize();

        // Participant 3 got a good share from the cheater (it completes) and never saw participant 1's plaintext.
        using var third = ceremony.Finish(3, round2);
        var verdict = DkgEvidence.Deserialize(ceremony.Session, evidence).Judge(ceremony.Session);
        Assert.Equal(Cheater, verdict.Culprit);
        Assert.Contains("ciphertext for participant 1 does not decrypt", verdict.Finding, StringComparison.Ordinal);
        Assert.Equal(verdict, JudgeAsOutsider(ceremony, blame.Evidence.Single()));
    }

    [Fact]
    public void FalseAccusation_BlamesTheAccuser()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);

        // Participant 1 accuses the honest participant 2 (it can reveal its real decryption key, but the share is good).
        var accusation = ShareAccusation.Create(
            ceremony.Session, 1, ceremony.Identities[0], Round1Message.Deserialize(ceremony.Session, round1[1]), Round2Message.Deserialize(ceremony.Session, round2[1]));

        var verdict = JudgeAsOutsider(ceremony, accusation);
        Assert.Equal(1, verdict.Culprit);
        Assert.Contains("falsely accused participant 2", verdict.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void ForgedOrAlteredAccusation_ProvesNothingAgainstAnyone()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);
        var dealerRound1 = Round1Message.Deserialize(ceremony.Session, round1[1]);
        var dealerRound2 = Round2Message.Deserialize(ceremony.Session, round2[1]);
        var genuine = ShareAccusation.Create(ceremony.Session, 1, ceremony.Identities[0], dealerRound1, dealerRound2).Serialize();

        // Participant 3 tries to accuse in participant 1's name: its proof is for its own key, not participant 1's.
        var forged = ShareAccusation.Create(ceremony.Session, 3, ceremony.Identities[2], dealerRound1, dealerRound2).Serialize();
        forged[1] = 0;
        forged[2] = 1;
        Assert.Null(JudgeAsOutsider(ceremony, DkgEvidence.Deserialize(ceremony.Session, forged)).Culprit);

        // A relay flips a bit of the revealed key, of the proof, or of the dealer's signed messages.
        foreach (var position in new[] { genuine.Length - 70, genuine.Length - 1, 10, 3 + Round1Message.Length(ceremony.Session) + 10 })
        {
            var altered = (byte[])genuine.Clone();
            altered[position] ^= 0x01;
            DkgVerdict verdict;
            try
            {
                verdict = JudgeAsOutsider(ceremony, DkgEvidence.Deserialize(ceremony.Session, altered));
            }
            catch (FormatException)
            {
                continue; // an altered point that no longer decodes: rejected outright
            }

            Assert.Null(verdict.Culprit);
        }
    }

    [Fact]
    public void RelayAlteredMessage_IsRejectedWithoutBlamingItsSender()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var altered = (byte[])round1[1].Clone();
        altered[40] ^= 0x01;

        Assert.Throws<FormatException>(() => Round1Message.Deserialize(ceremony.Session, altered));
        Assert.Null(JudgeAsOutsider(ceremony, DkgEvidence.Deserialize(ceremony.Session, [1, .. altered])).Culprit);
    }

    [Fact]
    public void ValidRound1Message_IsNoEvidence()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        Assert.Null(JudgeAsOutsider(ceremony, DkgEvidence.Deserialize(ceremony.Session, [1, .. round1[0]])).Culprit);
    }

    /// <summary>Judges the evidence's bytes with a session rebuilt from the public parameters alone.</summary>
    private static DkgVerdict JudgeAsOutsider(DkgCeremony ceremony, DkgEvidence evidence)
    {
        var outsider = ceremony.Observer();
        return DkgEvidence.Deserialize(outsider, evidence.Serialize()).Judge(outsider);
    }
}
