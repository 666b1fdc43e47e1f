using Google.Protobuf;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Serai;
using Processor.Testing;

namespace Processor.Cluster.Tests;

/// <summary>A Batch signed over Kafka by a threshold of the validators, checked as Serai's chain and an independent verifier do.</summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class BatchSigningTests(ThreeValidators cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batch_SignedByTwoOfThree_VerifiesWithScureSr25519AndTheSimulatedChainIncludesIt()
    {
        var keys = await cluster.SharedKeysAsync();
        var batchId = cluster.NextBatchId();
        var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);

        await cluster.RequestSignatureAsync(request, [1, 2, 3]);
        var block = await cluster.WaitForBatchIncludedAsync(batchId);

        var executed = Assert.Single(block.Batches);
        Assert.Equal(request.Batch, executed.Batch);
        Assert.Equal(keys.Session, executed.Session);
        var signId = SignIdOf(keys.Session, batchId);
        var sharers = cluster.Cluster.Validators.Where(v => cluster.Events[v.Participant - 1].All<SignShare>().Any(s => SameSigning(s.Id, signId))).ToList();
        Assert.Equal(2, sharers.Count);

        var signed = cluster.Events.SelectMany(e => e.All<SignedBatch>()).First(s => s.Batch.Id == batchId);
        var message = BatchRequests.MessageOf(request.Batch);
        var signature = signed.Signature.ToByteArray();
        var tampered = (byte[])signature.Clone();
        tampered[40] ^= 0x01;
        var verdicts = await ScureSr25519.VerifyAsync(
            [
                new Sr25519Case("signed", keys.KeyPair.SubstrateKey.ToByteArray(), message, signature),
                new Sr25519Case("tampered", keys.KeyPair.SubstrateKey.ToByteArray(), message, tampered),
            ],
            Cancel);
        Assert.True(verdicts["signed"], "@scure/sr25519 rejected the threshold signature over batch_message.");
        Assert.False(verdicts["tampered"], "@scure/sr25519 accepted a tampered signature: the check proves nothing.");
    }

    /// <summary>The SignId (attempt 0) of a Batch: its id is Serai's Batch sign id.</summary>
    public static SignId SignIdOf(uint session, uint batchId) => new()
    {
        Session = session,
        Kind = SignKind.Batch,
        Id = ByteString.CopyFrom(BatchSignId.Of(NetworkId.Bitcoin, batchId)),
    };

    /// <summary>Whether <paramref name="id"/> is an attempt (any) of the signing <paramref name="signing"/> names.</summary>
    public static bool SameSigning(SignId id, SignId signing) =>
        id.Session == signing.Session && id.Kind == signing.Kind && id.Id.Equals(signing.Id);
}
