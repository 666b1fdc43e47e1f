using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;

namespace Processor.Cluster.Tests;

/// <summary>
/// A signer SIGKILLed at the points where a nonce could be reused: the ceremony completes with the others (on a re-attempt
/// when needed) and the restarted signer never sends a second preprocess or share for the same SignId (every event it ever
/// emitted is read from its topic).
/// </summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class SignerCrashTests(ThreeValidators cluster)
{
    private static readonly ServiceDefinition Signer = ServiceCatalog.Signer;

    [Fact]
    public async Task SignerKilledRightAfterItsPreprocessLeft_CeremonyCompletesOnAReattempt_NoSecondPreprocessForThatSignId()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
        var signing = BatchSigningTests.SignIdOf(keys.Session, batchId);
        const int victim = 1;

        // The victim alone first, so its preprocess is among the first the coordinator sees (it is then in the signing set).
        await cluster.RequestSignatureAsync(request, [victim]);
        var preprocess = await cluster.Events[victim - 1].WaitForAsync<SignPreprocess>(
            $"validator {victim}'s preprocess for Batch {batchId}", p => BatchSigningTests.SameSigning(p.Id, signing),
            ClusterUnderTest.CeremonyLimit, TestContext.Current.CancellationToken, cluster.Diagnostics);
        cluster.Cluster[victim].Kill(Signer);
        cluster.Cluster[victim].Start(Signer);
        await cluster.RequestSignatureAsync(request, [2, 3]);

        await cluster.WaitForBatchIncludedAsync(batchId);

        AssertOnePreprocessAndShareAtMostPerSignId(victim, signing);
        Assert.Single(cluster.PreprocessesOf(victim, preprocess.Id));
    }

    [Fact]
    public async Task SignerKilledBeforeTheAttemptWasPersisted_PreprocessesOnceAfterRestart_CeremonyCompletes()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
        var signing = BatchSigningTests.SignIdOf(keys.Session, batchId);
        const int victim = 2;

        // Killed while the request is on its way: nothing of the attempt can have been persisted or sent.
        cluster.Cluster[victim].Kill(Signer);
        await cluster.RequestSignatureAsync(request, [1, 2, 3]);
        Assert.DoesNotContain(cluster.Events[victim - 1].All<SignPreprocess>(), p => BatchSigningTests.SameSigning(p.Id, signing));
        cluster.Cluster[victim].Start(Signer);

        await cluster.WaitForBatchIncludedAsync(batchId);

        AssertOnePreprocessAndShareAtMostPerSignId(victim, signing);
    }

    [Fact]
    public async Task SignerKilledRightAfterItsShareLeft_CeremonyCompletes_NoSecondShareOrPreprocessForThatSignId()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
        var signing = BatchSigningTests.SignIdOf(keys.Session, batchId);

        await cluster.RequestSignatureAsync(request, [1, 2, 3]);
        var victim = await FirstToShareAsync(signing);
        cluster.Cluster[victim].Kill(Signer);
        cluster.Cluster[victim].Start(Signer);

        await cluster.WaitForBatchIncludedAsync(batchId);

        AssertOnePreprocessAndShareAtMostPerSignId(victim, signing);
    }

    /// <summary>Kills no one: returns the first validator whose share for <paramref name="signing"/> is on its topic.</summary>
    private async Task<int> FirstToShareAsync(SignId signing)
    {
        var victim = 0;
        await cluster.Cluster.WaitUntilAsync(
            "a validator's share",
            _ =>
            {
                victim = cluster.Cluster.Validators
                    .FirstOrDefault(v => cluster.Events[v.Participant - 1].All<SignShare>().Any(s => BatchSigningTests.SameSigning(s.Id, signing)))
                    ?.Participant ?? 0;
                return Task.FromResult(victim == 0 ? Probe.NotYet("no share yet") : Probe.Met($"validator {victim}"));
            },
            ClusterUnderTest.CeremonyLimit,
            TestContext.Current.CancellationToken);
        return victim;
    }

    /// <summary>Every attempt of <paramref name="signing"/>: at most one preprocess and one share from <paramref name="participant"/>.</summary>
    private void AssertOnePreprocessAndShareAtMostPerSignId(int participant, SignId signing)
    {
        var events = cluster.Events[participant - 1];
        foreach (var attempt in events.All<SignPreprocess>().Where(p => BatchSigningTests.SameSigning(p.Id, signing)).GroupBy(p => p.Id.Attempt))
        {
            Assert.True(attempt.Count() == 1, $"validator {participant} sent {attempt.Count()} preprocesses for attempt {attempt.Key}");
        }

        foreach (var attempt in events.All<SignShare>().Where(s => BatchSigningTests.SameSigning(s.Id, signing)).GroupBy(s => s.Id.Attempt))
        {
            Assert.True(attempt.Count() == 1, $"validator {participant} sent {attempt.Count()} shares for attempt {attempt.Key}");
        }
    }
}
