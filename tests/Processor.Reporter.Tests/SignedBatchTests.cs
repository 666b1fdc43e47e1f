using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Reporter.Tests.Support;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>The signer's BatchSigned becomes one SignedBatch to the coordinator, for the Batch this reporter built.</summary>
public sealed class SignedBatchTests
{
    private static readonly Key Key1 = KeyOf(1);

    [Fact]
    public async Task SignatureOfTheBuiltBatch_IsSentOnce_EvenWhenRepeated()
    {
        await using var bed = await ReporterBed.StartAsync();
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))])]);
        var signed = Signed(bed.Batches[0], 1);

        var id = Guid.NewGuid();
        await bed.DeliverAsync(signed, id);
        await bed.DeliverAsync(signed, id);
        await bed.DeliverAsync(Signed(bed.Batches[0], 2));

        var sent = Assert.Single(bed.EmittedOf(SignedBatch.Parser));
        Assert.Equal(bed.Batches[0], sent.Batch);
        Assert.Equal(signed.SignedBatch.Signature, sent.Signature);
    }

    [Fact]
    public async Task SignatureOfAnotherBatch_IsPoison()
    {
        await using var bed = await ReporterBed.StartAsync();
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))])]);
        var other = bed.Batches[0].Clone();
        other.Instructions[0].Amount += 1;

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => bed.DeliverAsync(Signed(other, 1)));

        Assert.Contains("another Batch", poison.Message, StringComparison.Ordinal);
        Assert.Empty(bed.EmittedOf(SignedBatch.Parser));
    }

    [Fact]
    public async Task SignatureBeforeItsBatchIsBuilt_Parks()
    {
        await using var bed = await ReporterBed.StartAsync();
        var batch = new Batch { Network = Contracts.Common.V1.NetworkId.Bitcoin, Id = 0, ExternalBlockHash = ByteString.CopyFrom(Hash(100)) };

        var parked = await bed.DeliverAsync(Signed(batch, 1));

        Assert.Contains("Batch 0 is not built", parked.ParkReason, StringComparison.Ordinal);
    }

    private static BatchSigned Signed(Batch batch, byte signature) => new()
    {
        Network = batch.Network,
        Session = 1,
        SignedBatch = new SignedBatch { Batch = batch, Signature = ByteString.CopyFrom(Enumerable.Repeat(signature, 64).ToArray()) },
    };
}
