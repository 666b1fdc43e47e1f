using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;

namespace Processor.Crypto.Threshold.Tests.Dkg;

/// <summary>Byte forms of the ceremony's messages: exact lengths, round trips, confidentiality of the relayed shares.</summary>
public sealed class DkgWireTests
{
    [Fact]
    public void Messages_RoundTripAndHaveTheDocumentedLengths()
    {
        using var ceremony = new DkgCeremony(3, 5);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);

        // sender ‖ E ‖ ristretto255 (3·32 + 64) ‖ secp256k1 (3·33 + 65) ‖ signature; sender ‖ digest ‖ 4·80 ‖ signature.
        Assert.All(round1, m => Assert.Equal(2 + 32 + (3 * 32) + 64 + (3 * 33) + 65 + 64, m.Length));
        Assert.All(round2, m => Assert.Equal(2 + 32 + (4 * 80) + 64, m.Length));
        Assert.Equal(round1[2], Round1Message.Deserialize(ceremony.Session, round1[2]).Serialize());
        Assert.Equal(round2[2], Round2Message.Deserialize(ceremony.Session, round2[2]).Serialize());
        Assert.Equal(3, Round1Message.Deserialize(ceremony.Session, round1[2]).Sender);
    }

    [Fact]
    public void WrongLengths_AreRejected()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);

        Assert.Throws<FormatException>(() => Round1Message.Deserialize(ceremony.Session, round1[0].AsSpan(..^1)));
        Assert.Throws<FormatException>(() => Round1Message.Deserialize(ceremony.Session, [.. round1[0], 0]));
        Assert.Throws<FormatException>(() => Round2Message.Deserialize(ceremony.Session, round2[0].AsSpan(..^1)));
        Assert.Throws<FormatException>(() => Round2Message.Deserialize(ceremony.Session, [.. round2[0], 0]));
        Assert.Throws<FormatException>(() => DkgEvidence.Deserialize(ceremony.Session, [1, .. round1[0][..^1]]));
        Assert.Throws<FormatException>(() => DkgEvidence.Deserialize(ceremony.Session, [9, .. round1[0]]));

        // A message of another threshold (same participants) has another length.
        var otherThreshold = new DkgSession("x"u8, 3, [.. ceremony.Identities.Select(i => i.PublicKey)]);
        Assert.Throws<FormatException>(() => Round1Message.Deserialize(otherThreshold, round1[0]));
    }

    [Fact]
    public void RelayedShares_OnlyTheirRecipientCanDecrypt()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);
        var dealer = Round1Message.Deserialize(ceremony.Session, round1[0]);
        var message = Round2Message.Deserialize(ceremony.Session, round2[0]);

        var forRecipient = ShareEncryption.Decrypt(ceremony.Session, 1, 2, dealer.EncryptionKey, IdentityKey.Group.Multiply(dealer.EncryptionKey, Secret(ceremony.Identities[1])), message.CiphertextFor(2));
        var byOther = ShareEncryption.Decrypt(ceremony.Session, 1, 2, dealer.EncryptionKey, IdentityKey.Group.Multiply(dealer.EncryptionKey, Secret(ceremony.Identities[2])), message.CiphertextFor(2));
        Assert.NotNull(forRecipient);
        Assert.Null(byOther);
    }

    [Fact]
    public void InconsistentRound1Broadcast_AbortsTheCeremony()
    {
        using var ceremony = new DkgCeremony(2, 3);
        var round1 = ceremony.Round1();
        var round2 = ceremony.Round2(round1);

        // Participant 3's round-2 message claims it saw other round-1 messages (a relay that equivocated).
        var message = Round2Message.Deserialize(ceremony.Session, round2[2]);
        var ciphertexts = Enumerable.Range(1, 2).ToDictionary(j => j, j => message.CiphertextFor(j).ToArray());
        round2[2] = Round2Message.Create(ceremony.Session, 3, ceremony.Identities[2], new byte[32], ciphertexts).Serialize();

        var failure = Assert.Throws<DkgException>(() => ceremony.Finish(1, round2));
        Assert.IsNotType<DkgBlameException>(failure);
        Assert.Contains("inconsistent", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MessagesOfAnotherSession_AreRefusedByTheParticipant()
    {
        using var ceremony = new DkgCeremony(2, 3);
        using var other = new DkgCeremony(2, 3, "another session");
        var round1 = ceremony.Round1();
        var foreign = other.Round1();
        List<Round1Message> mixed = [Round1Message.Deserialize(ceremony.Session, round1[1]), Round1Message.Deserialize(other.Session, foreign[2])];

        Assert.Throws<ArgumentException>(() => ceremony.Participants[0].ReceiveRound1(mixed));
    }

    [Fact]
    public void SecretHolders_ShowNoSecretInText()
    {
        using var identity = IdentityKey.Generate();
        var secret = Convert.ToHexStringLower(identity.ExportSecret());
        var session = new DkgSession("s"u8, 1, [identity.PublicKey, IdentityKey.Generate().PublicKey]);
        using var participant = new DkgParticipant(session, 1, identity);

        Assert.DoesNotContain(secret, identity.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(secret, participant.ToString(), StringComparison.Ordinal);
        Assert.Equal(identity.PublicKey, IdentityKey.FromSecret(Convert.FromHexString(secret)).PublicKey);
    }

    private static Scalar Secret(IdentityKey identity) => IdentityKey.Group.DeserializeScalar(identity.ExportSecret());
}
