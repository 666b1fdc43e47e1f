using Google.Protobuf;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Signer.Testing;

namespace Processor.Cluster.Tests;

/// <summary>
/// One validator misbehaving, through the simulator over Kafka: the others blame it with evidence a third party can check,
/// and the ceremony completes without it. Key-generation round messages are signed by their sender's identity key, so the
/// culprit cheats itself: the test opens its sealed identity with its secret key file and re-signs its corrupted
/// commitment or share (<see cref="CheatingParticipant"/>), which the simulator relays in place of the honest one. A
/// preprocess is not signed: the simulator corrupts it on the way.
/// </summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class MisbehaviourTests(ThreeValidators cluster) : IDisposable
{
    private const int Culprit = 3;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CorruptedCommitment_BothOthersReportInvalidCommitmentsNamingIt_KeyGenerationCompletesWithoutIt()
    {
        var session = cluster.NewSession();
        var ceremony = await CulpritsGenerateKeyAsync(session);
        using var cheater = await CulpritAsync();
        KeyGenCommitments? relayed = null;
        cluster.Simulation.Misbehave(Culprit, message => message is KeyGenCommitments c && c.Session == session && c.Attempt == 0
            ? relayed = cheater.CorruptCommitment(ceremony, c)
            : message);

        var keys = await cluster.GenerateConfirmedKeysAsync(session);

        Assert.Equal(1u, keys.Attempt);
        Assert.Equal([1, 2], keys.Participants.Keys.Order());
        // Each honest validator judged the relayed commitments on its own: both name the culprit, and only it.
        foreach (var honest in new[] { 1, 2 })
        {
            var reported = await cluster.Events[honest - 1].WaitForAsync<InvalidCommitments>(
                $"validator {honest}'s InvalidCommitments", i => i.Session == session && i.Attempt == 0, ClusterUnderTest.CeremonyLimit, Cancel,
                cluster.Diagnostics);
            Assert.Equal((uint)Culprit, reported.Faulty);
            Assert.All(cluster.Events[honest - 1].All<InvalidCommitments>().Where(i => i.Session == session), i => Assert.Equal((uint)Culprit, i.Faulty));
        }

        // The evidence is the culprit's commitments as relayed: signed by it, and invalid to anyone holding the public parameters.
        var verdict = ThirdPartyJudge.JudgeCommitments(ceremony, cluster.Cluster.Network, cluster.Cluster.KeyForm.Curve, relayed!.Commitments);
        Assert.Equal(Culprit, verdict.Culprit);
        Assert.Contains("proof of knowledge does not verify", verdict.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CorruptedShare_AccusationUpheldByTheThirdValidator_KeyGenerationCompletesWithoutIt()
    {
        const int victim = 1;
        const int thirdParty = 2;
        var session = cluster.NewSession();
        var ceremony = await CulpritsGenerateKeyAsync(session);
        using var cheater = await CulpritAsync();
        cluster.Simulation.Misbehave(Culprit, message => message is KeyGenShares s && s.Session == session && s.Attempt == 0
            ? cheater.CorruptShare(ceremony, victim, s)
            : message);

        var keys = await cluster.GenerateConfirmedKeysAsync(session);

        Assert.Equal(1u, keys.Attempt);
        Assert.Equal([1, 2], keys.Participants.Keys.Order());
        var accusation = await cluster.Events[victim - 1].WaitForAsync<InvalidShare>(
            "the victim's InvalidShare", i => i.Session == session && i.Attempt == 0, ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
        Assert.Equal(((uint)victim, (uint)Culprit), (accusation.Accuser, accusation.Faulty));
        // The validator that neither sent nor received the bad share checked the accuser's evidence (VerifyBlame) and agreed.
        var blame = await cluster.Events[thirdParty - 1].WaitForAsync<Blame>(
            "the third validator's verdict", b => b.Session == session && b.Attempt == 0, ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
        Assert.Equal((uint)Culprit, blame.Participant);
        // So does anyone outside the ceremony with its public parameters only.
        Assert.Equal(Culprit, ThirdPartyJudge.JudgeEvidence(ceremony, cluster.Cluster.Network, cluster.Cluster.KeyForm.Curve, accusation.Evidence).Culprit);
    }

    [Fact]
    public async Task CorruptedPreprocess_SignersNameItInvalidParticipant_BatchSignedWithoutIt()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
        var signing = BatchSigningTests.SignIdOf(keys.Session, batchId);
        cluster.Simulation.Misbehave(Culprit, Misbehaviour.CorruptPreprocess);

        // The culprit first, so its (corrupted) preprocess is among the first t the coordinator picks.
        await cluster.RequestSignatureAsync(request, [Culprit]);
        await cluster.Events[Culprit - 1].WaitForAsync<SignPreprocess>(
            "the culprit's preprocess", p => BatchSigningTests.SameSigning(p.Id, signing), ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
        await cluster.RequestSignatureAsync(request, [1, 2]);

        await cluster.WaitForBatchIncludedAsync(batchId);

        var blamed = cluster.Events.Take(2).SelectMany(e => e.All<InvalidParticipant>()).Where(i => BatchSigningTests.SameSigning(i.Id, signing)).ToList();
        Assert.NotEmpty(blamed);
        foreach (var blame in blamed)
        {
            Assert.Equal(Culprit, (int)blame.Participant);
            Assert.False(string.IsNullOrWhiteSpace(blame.Reason));
            await AssertCheckableEvidenceAsync(blame);
        }
    }

    /// <summary>
    /// The evidence is the offending item exactly as relayed in the blamed attempt (the culprit preprocesses every attempt it
    /// is asked to, corrupted each time, and which validators a set holds varies): the altered preprocess, or the culprit's
    /// share that cannot verify against it. A third party holding the relayed messages finds it there and can check it.
    /// </summary>
    private async Task AssertCheckableEvidenceAsync(InvalidParticipant blame)
    {
        var sent = await cluster.Events[Culprit - 1].WaitForAsync<SignPreprocess>(
            "the culprit's preprocess of the blamed attempt", p => p.Id.Equals(blame.Id), ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
        var relayed = Assert.IsType<SignPreprocess>(MisbehaviourTransform.Apply(Misbehaviour.CorruptPreprocess, sent));
        Assert.NotEqual(sent.Preprocesses, relayed.Preprocesses);
        IEnumerable<ByteString> culpritShares = [];
        if (!relayed.Preprocesses.Contains(blame.Evidence))
        {
            // The share was blamed: the test's own view of the culprit's topic may not have caught up with it yet.
            var share = await cluster.Events[Culprit - 1].WaitForAsync<SignShare>(
                "the culprit's share", s => s.Id.Equals(blame.Id), ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
            culpritShares = share.Shares;
        }

        Assert.Contains(blame.Evidence, relayed.Preprocesses.Concat(culpritShares));
    }

    public void Dispose() => cluster.Simulation.Misbehave(Culprit, Misbehaviour.None);

    /// <summary>The culprit's signer, as the culprit itself: its identity key opened from its sealed row with its secret key file.</summary>
    private Task<CheatingParticipant> CulpritAsync()
    {
        var culprit = cluster.Cluster[Culprit];
        return CheatingParticipant.OpenAsync(culprit.ConnectionString, "signer", culprit.SecretKey.Key, cluster.Cluster.Network, cluster.Cluster.KeyForm.Curve, Cancel);
    }

    /// <summary>The <c>GenerateKey</c> the simulator sends the culprit for the first attempt of <paramref name="session"/> (all validators, in order).</summary>
    private async Task<GenerateKey> CulpritsGenerateKeyAsync(uint session)
    {
        // A signer announces its identity at its first start: on a loaded machine the simulator may not have read all yet.
        await cluster.Running.WaitForIdentitiesAsync(ClusterUnderTest.CeremonyLimit, Cancel);
        var state = await cluster.Simulation.StateAsync(Cancel);
        var validators = state.Validators
            .Select(v => new KeyGenValidator(v.Validator, ByteString.CopyFrom(Convert.FromHexString(v.IdentityKey!))))
            .ToList();
        return (GenerateKey)new KeyGenerationCeremony(session, state.Threshold, validators).Start().Single(c => c.Validator == Culprit).Command;
    }
}
