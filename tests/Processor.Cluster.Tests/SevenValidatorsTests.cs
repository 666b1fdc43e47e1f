using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;

namespace Processor.Cluster.Tests;

/// <summary>Seven validators with Serai's threshold (t = 5), signers as separate processes on one broker.</summary>
[Collection(SevenValidatorsDefinition.Name)]
public sealed class SevenValidatorsTests(SevenValidators cluster)
{
    [Fact]
    public async Task SevenValidatorsThresholdFive_KeyGenerationAndABatchSignatureComplete()
    {
        var keys = await cluster.GenerateConfirmedKeysAsync(cluster.NewSession());

        Assert.Equal(5, keys.Threshold);
        Assert.Equal(Enumerable.Range(1, 7), keys.Participants.Keys.Order());

        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
        await cluster.RequestSignatureAsync(request, Enumerable.Range(1, 7));
        var block = await cluster.WaitForBatchIncludedAsync(batchId);

        Assert.Equal(request.Batch, Assert.Single(block.Batches).Batch);
        var signing = BatchSigningTests.SignIdOf(keys.Session, batchId);
        var sharers = cluster.Events.Count(e => e.All<SignShare>().Any(s => BatchSigningTests.SameSigning(s.Id, signing)));
        Assert.Equal(5, sharers);
    }
}
