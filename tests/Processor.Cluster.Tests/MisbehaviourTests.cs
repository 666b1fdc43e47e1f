using Google.Protobuf;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.CoordinatorSimulator.Simulation;

namespace Processor.Cluster.Tests;

/// <summary>
/// One validator's preprocess corrupted on its way (the simulator misbehaving as that validator): the others blame it with
/// evidence a third party can check, and the Batch is signed without it. (Key-generation round messages are signed by
/// their sender's identity key, so a relay cannot corrupt them attributably: a cheating validator's own signed bad
/// commitment or share, and the blame it gets, are tested with the signer's handlers in Processor.Signer.Tests' BlameTests.)
/// </summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class MisbehaviourTests(ThreeValidators cluster) : IDisposable
{
    private const int Culprit = 3;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

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
        var sent = await cluster.Events[Culprit - 1].WaitForAsync<SignPreprocess>(
            "the culprit's preprocess", p => BatchSigningTests.SameSigning(p.Id, signing), ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
        await cluster.RequestSignatureAsync(request, [1, 2]);

        await cluster.WaitForBatchIncludedAsync(batchId);

        var blamed = cluster.Events.Take(2).SelectMany(e => e.All<InvalidParticipant>()).Where(i => BatchSigningTests.SameSigning(i.Id, signing)).ToList();
        var blame = Assert.Single(blamed.DistinctBy(b => b.Participant));
        Assert.Equal(Culprit, (int)blame.Participant);
        Assert.False(string.IsNullOrWhiteSpace(blame.Reason));
        // The evidence is the offending item exactly as relayed: the altered preprocess, or the culprit's share that cannot verify
        // against it. A third party holding the relayed messages finds it there and can check it.
        var relayed = Assert.IsType<SignPreprocess>(MisbehaviourTransform.Apply(Misbehaviour.CorruptPreprocess, sent));
        Assert.NotEqual(sent.Preprocesses, relayed.Preprocesses);
        IEnumerable<ByteString> culpritShares = [];
        if (!relayed.Preprocesses.Contains(blame.Evidence))
        {
            // The share was blamed: the test's own view of the culprit's topic may not have caught up with it yet.
            var share = await cluster.Events[Culprit - 1].WaitForAsync<SignShare>(
                "the culprit's share", s => s.Id.Equals(sent.Id), ClusterUnderTest.CeremonyLimit, Cancel, cluster.Diagnostics);
            culpritShares = share.Shares;
        }

        Assert.Contains(blame.Evidence, relayed.Preprocesses.Concat(culpritShares));
    }

    public void Dispose() => cluster.Simulation.Misbehave(Culprit, Misbehaviour.None);
}
