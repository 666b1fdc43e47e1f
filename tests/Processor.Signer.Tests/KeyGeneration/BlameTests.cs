using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Consuming;
using Processor.Signer.Tests.Support;

namespace Processor.Signer.Tests.KeyGeneration;

/// <summary>A misbehaving participant is named with evidence the others can check, and a re-run without it completes.</summary>
public sealed class BlameTests : ValidatorSignersTest
{
    private const int Cheater = 3;

    [Fact]
    public async Task CorruptedCommitment_TheOthersReportInvalidCommitmentsNamingIt_AndARerunWithoutItCompletes()
    {
        var relay = new KeyGenRelay(Validators, session: 5, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();
        commitments[Cheater] = await Misbehaviour.CorruptCommitmentAsync(relay, Cheater, commitments[Cheater]);

        foreach (var honest in new[] { 1, 2 })
        {
            var invocation = await Validators[honest - 1].DeliverAsync(relay.PeerCommitmentsFor(honest, commitments));
            var invalid = KeyGenRelay.Single(invocation, InvalidCommitments.Parser);
            Assert.Equal((5u, 0u, (uint)Cheater), (invalid.Session, invalid.Attempt, invalid.Faulty));
            Assert.Contains("proof of knowledge does not verify", invalid.Reason, StringComparison.Ordinal);
            Assert.Empty(KeyGenRelay.All(invocation, KeyGenShares.Parser));
        }

        var rerun = new KeyGenRelay([.. Validators.Take(2)], session: 5, attempt: 1, threshold: 2);
        var generated = await rerun.RunAsync();
        Assert.Equal(generated[1].KeyPair, generated[2].KeyPair);
        Assert.Equal(1u, generated[1].Attempt);
    }

    [Fact]
    public async Task CorruptedShare_InvalidShareEvidenceConvincesTheThirdValidator_WhichBlamesTheSender()
    {
        var relay = new KeyGenRelay(Validators, session: 6, attempt: 0, threshold: 2);
        var shares = await relay.RelayCommitmentsAsync(await relay.StartAsync());
        shares[Cheater] = await Misbehaviour.CorruptShareAsync(relay, Cheater, victim: 1, shares[Cheater]);

        var results = await relay.RelaySharesAsync(shares);

        var accusation = KeyGenRelay.Single(results[1], InvalidShare.Parser);
        Assert.Equal((1u, (uint)Cheater), (accusation.Accuser, accusation.Faulty));
        Assert.Empty(KeyGenRelay.All(results[1], GeneratedKeyPair.Parser));
        var verify = new VerifyBlame
        {
            Session = 6, Attempt = 0, Accuser = 1, Accused = Cheater, Evidence = accusation.Evidence,
            Share = shares[Cheater].Shares.Single(s => s.Recipient == 1),
        };
        var blame = KeyGenRelay.Single(await Validators[1].DeliverAsync(verify), Blame.Parser);
        Assert.Equal((uint)Cheater, blame.Participant);
        Assert.Contains("ciphertext for participant 1 does not decrypt", blame.Reason, StringComparison.Ordinal);

        // The same accusation again (another delivery) is already judged: no second Blame.
        Assert.Empty((await Validators[1].DeliverAsync(verify)).Emitted);

        var rerun = new KeyGenRelay([.. Validators.Take(2)], session: 6, attempt: 1, threshold: 2);
        var generated = await rerun.RunAsync();
        Assert.Equal(generated[1].KeyPair, generated[2].KeyPair);
    }

    [Fact]
    public async Task FalseAccusation_BlamesTheAccuser()
    {
        var relay = new KeyGenRelay(Validators, session: 7, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();
        var shares = await relay.RelayCommitmentsAsync(commitments);
        var evidence = await Misbehaviour.FalseAccusationAsync(relay, accuser: 1, accused: 2, commitments[2], shares[2]);

        var blame = KeyGenRelay.Single(
            await Validators[2].DeliverAsync(new VerifyBlame
            {
                Session = 7, Attempt = 0, Accuser = 1, Accused = 2, Evidence = Google.Protobuf.ByteString.CopyFrom(evidence),
                Share = shares[2].Shares.Single(s => s.Recipient == 1),
            }),
            Blame.Parser);

        Assert.Equal(1u, blame.Participant);
        Assert.Contains("falsely accused participant 2", blame.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_IsAPoisonMessageWithAClearReason_NotACrash()
    {
        var relay = new KeyGenRelay(Validators, session: 8, attempt: 0, threshold: 2);
        var commitments = await relay.StartAsync();

        var missing = relay.PeerCommitmentsFor(1, commitments);
        missing.Commitments.RemoveAt(1);
        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(missing));
        Assert.Contains("no commitments from participant(s) 3", poison.Message, StringComparison.Ordinal);

        var stranger = relay.PeerCommitmentsFor(1, commitments);
        stranger.Commitments[0].Participant = 9;
        poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(stranger));
        Assert.Contains("participant 9 is not another participant", poison.Message, StringComparison.Ordinal);

        // Altered in relay (not re-signed): nobody can be blamed for it.
        var altered = relay.PeerCommitmentsFor(1, commitments);
        var proof = altered.Commitments[0].Substrate.ProofOfKnowledge.ToByteArray();
        proof[40] ^= 1;
        altered.Commitments[0].Substrate.ProofOfKnowledge = Google.Protobuf.ByteString.CopyFrom(proof);
        poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(altered));
        Assert.Contains("participant 2's commitments cannot be attributed to it", poison.Message, StringComparison.Ordinal);

        var wrongIdentity = relay.GenerateKeyFor(1);
        wrongIdentity.Attempt = 1;
        wrongIdentity.Participants[0].IdentityKey = wrongIdentity.Participants[1].IdentityKey;
        poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(wrongIdentity));
        Assert.Contains("two participants have the same identity key", poison.Message, StringComparison.Ordinal);

        poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(new VerifyBlame
        {
            Session = 8, Attempt = 0, Accuser = 2, Accused = 3, Evidence = Google.Protobuf.ByteString.CopyFrom([2, 0, 2]),
        }));
        Assert.Contains("the evidence is malformed", poison.Message, StringComparison.Ordinal);

        poison = await Assert.ThrowsAsync<PoisonMessageException>(() => Validators[0].DeliverAsync(new KeyGenPeerShares { Session = 9, Attempt = 0 }));
        Assert.Contains("no GenerateKey started that attempt", poison.Message, StringComparison.Ordinal);

        // The ceremony is untouched by all of that and goes on.
        var generated = KeyGenRelay.Single(
            await Validators[0].DeliverAsync(relay.PeerSharesFor(1, await relay.RelayCommitmentsAsync(commitments))), GeneratedKeyPair.Parser);
        Assert.Equal(8u, generated.Session);
    }
}
