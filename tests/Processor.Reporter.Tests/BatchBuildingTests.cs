using Processor.Reporter.Tests.Support;
using Processor.Serai;
using InInstruction = Processor.Serai.InInstruction;
using Processor.Serai.Contracts;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>Which blocks get Batches, with what, and under which ids (serai-chain-formats.md §2.2, §9).</summary>
public sealed class BatchBuildingTests
{
    private static readonly Key Key1 = KeyOf(1);

    [Fact]
    public async Task DepositWithTransfer_GetsOneBatchWithItsInstruction_AndASignRequestForTheKey()
    {
        await using var bed = await ReporterBed.StartAsync();

        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 110_000_000, Transfer(7))])]);

        var batch = Assert.Single(bed.Batches);
        Assert.Equal(0u, batch.Id);
        Assert.Equal(Hash(100), batch.ExternalBlockHash.ToByteArray());
        var serai = ContractBatches.ToSerai(batch);
        var instruction = Assert.Single(serai.Instructions);
        Assert.Equal(new InInstruction.Transfer(Account(7)), instruction.Instruction);
        Assert.Equal(new Balance(Coin.Bitcoin, new Amount(110_000_000)), instruction.Balance);
        var request = Assert.Single(bed.SignRequests);
        Assert.Equal(1u, request.Session);
        Assert.Equal(Key1.SubstrateKey, request.SubstrateKey.ToByteArray());
        Assert.Equal(batch, request.Batch);
    }

    [Fact]
    public async Task BlockWithOnlyChange_AndDepositWithoutInstruction_GetEmptyBatches()
    {
        await using var bed = await ReporterBed.StartAsync();

        await bed.DeliverAllAsync([
            Own(100), OfKey(100, Key1, activates: true, [Change(1, 50_000)]),
            Own(101), OfKey(101, Key1, activates: false, [External(2, 60_000, [])]),
        ]);

        Assert.Equal([0u, 1u], bed.Batches.Select(b => b.Id));
        Assert.All(bed.Batches, b => Assert.Empty(b.Instructions));
        Assert.Equal([Hash(100), Hash(101)], bed.Batches.Select(b => b.ExternalBlockHash.ToByteArray()));
    }

    [Fact]
    public async Task BlocksWithoutOutputs_GetNoBatch_AndUseNoId()
    {
        await using var bed = await ReporterBed.StartAsync();

        await bed.DeliverAllAsync([
            Own(100), OfKey(100, Key1, activates: true, []),
            Own(101), Own(102), OfKey(102, Key1, activates: false, [External(1, 60_000, Transfer(1))]), Own(103),
        ]);

        var batch = Assert.Single(bed.Batches);
        Assert.Equal(0u, batch.Id);
        Assert.Equal(Hash(102), batch.ExternalBlockHash.ToByteArray());
    }

    [Fact]
    public async Task FiveHundredNinetyFiveTransfers_SplitIntoTwoBatchesOfTheSameBlock()
    {
        await using var bed = await ReporterBed.StartAsync();
        var deposits = Enumerable.Range(0, 595).Select(i => External(0, 10_000 + (ulong)i, Transfer((byte)(i % 250)), vout: (uint)i));

        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, deposits)]);

        Assert.Equal([0u, 1u], bed.Batches.Select(b => b.Id));
        Assert.All(bed.Batches, b => Assert.Equal(Hash(100), b.ExternalBlockHash.ToByteArray()));
        Assert.Equal([594, 1], bed.Batches.Select(b => b.Instructions.Count));
        Assert.All(bed.Batches, b => Assert.True(ContractBatches.ToSerai(b).FitsMaxEncodedSize));
        Assert.Equal(Enumerable.Range(0, 595).Select(i => 10_000 + (ulong)i), bed.Batches.SelectMany(b => b.Instructions).Select(i => i.Amount));
        Assert.Equal(2, bed.SignRequests.Count);
    }

    [Fact]
    public async Task Ids_AreConsecutive_AndContinueAfterARestart()
    {
        await using var bed = await ReporterBed.StartAsync();

        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))])]);
        bed.Restart();
        await bed.DeliverAllAsync([Own(101), OfKey(101, Key1, activates: false, [External(2, 70_000, Transfer(2))])]);
        bed.Restart();
        await bed.DeliverAllAsync([Own(102), OfKey(102, Key1, activates: false, [External(3, 80_000, Transfer(3))])]);

        Assert.Equal([0u, 1u, 2u], bed.Batches.Select(b => b.Id));
        Assert.Equal([Hash(100), Hash(101), Hash(102)], bed.Batches.Select(b => b.ExternalBlockHash.ToByteArray()));
    }

    [Fact]
    public async Task RedeliveredParts_HaveNoEffect()
    {
        await using var bed = await ReporterBed.StartAsync();
        var parts = new[] { Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))]) };

        await bed.DeliverAllAsync(parts);
        await bed.DeliverAllAsync(parts);
        await bed.DeliverAllAsync([Own(101), OfKey(101, Key1, activates: false, [External(2, 70_000, Transfer(2))])]);

        Assert.Equal([0u, 1u], bed.Batches.Select(b => b.Id));
    }

    [Fact]
    public async Task ReplayWithWipedState_RebuildsTheSameBatches_AndEmitsNothingNew()
    {
        await using var bed = await ReporterBed.StartAsync();
        (Guid, Google.Protobuf.IMessage)[] parts =
        [
            Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1)), External(2, 1_000, [9, 9])]),
            Own(101), Own(102), OfKey(102, Key1, activates: false, [External(3, 80_000, Transfer(3))]), Own(103),
        ];
        await bed.DeliverAllAsync(parts);
        var first = bed.Emitted.Select(e => (e.EventId, e.Topic, Convert.ToHexString(e.Payload))).ToList();
        var outbox = await bed.OutboxCountAsync();

        await bed.WipeStateAsync();
        await bed.DeliverAllAsync(parts);

        Assert.Equal(first, bed.Emitted.Select(e => (e.EventId, e.Topic, Convert.ToHexString(e.Payload))));
        Assert.Equal(outbox, await bed.OutboxCountAsync());
        Assert.Equal([0u, 1u], bed.Batches.Select(b => b.Id));
    }
}
