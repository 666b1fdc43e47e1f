using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Reporter.Tests.Support;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>
/// A SubstrateBlock waits until this validator scanned the external block it requires and built every Batch it executed;
/// then the outputs since the last acknowledgement, their refunds and the burns go to the scheduler, once.
/// </summary>
public sealed class AcknowledgementTests
{
    private static readonly Key Key1 = KeyOf(1);

    [Fact]
    public async Task SubstrateBlock_ParksUntilItsBlockAndBatchesExist_ThenHandsOverOnce()
    {
        await using var bed = await ReporterBed.StartAsync();
        var serai = Substrate(1, Hash(101), [0, 1], Burn(1, 40_000), Burn(2, 30_000));

        Assert.NotNull((await bed.DeliverAsync(serai)).ParkReason);
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))]), Own(101)]);
        Assert.Contains("block 101", (await bed.DeliverAsync(serai)).ParkReason, StringComparison.Ordinal);
        await bed.DeliverAllAsync([OfKey(101, Key1, activates: false, [External(2, 70_000, Transfer(2)), Change(3, 5_000)])]);

        var id = Guid.NewGuid();
        Assert.Null((await bed.DeliverAsync(serai, id)).ParkReason);
        await bed.DeliverAsync(serai, id);
        await bed.DeliverAsync(serai);

        var acknowledged = Assert.Single(bed.EmittedOf(OutputsAcknowledged.Parser));
        Assert.Equal(1ul, acknowledged.SeraiBlockNumber);
        Assert.Equal([0u, 1u], acknowledged.BatchIds);
        Assert.Equal(101ul, acknowledged.RequiredBlockHeight);
        Assert.Equal(Hash(101), acknowledged.RequiredBlockHash.ToByteArray());
        Assert.Equal([100ul, 101ul], acknowledged.Blocks.Select(b => b.Height));
        Assert.Equal([5_000ul, 60_000ul, 70_000ul], acknowledged.Blocks.SelectMany(b => b.Outputs).SelectMany(k => k.Outputs).Select(o => o.Amount).Order());
        Assert.Equal([40_000ul, 30_000ul], acknowledged.Burns.Select(b => b.Amount));
    }

    [Fact]
    public async Task OutputSpendData_IsStored_AndHandedToTheSchedulerUnread()
    {
        await using var bed = await ReporterBed.StartAsync();
        byte[] spendData = [.. Enumerable.Range(0, 113).Select(i => (byte)(255 - i))];
        var change = Change(3, 5_000);
        change.SpendData = ByteString.CopyFrom(spendData);
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1)), change])]);

        await bed.DeliverAsync(Substrate(1, Hash(100), [0]));

        var outputs = Assert.Single(bed.EmittedOf(OutputsAcknowledged.Parser)).Blocks.SelectMany(b => b.Outputs).SelectMany(k => k.Outputs).ToList();
        Assert.Equal(spendData, outputs.Single(o => o.Kind == OutputKind.Change).SpendData.ToByteArray());
        Assert.Empty(outputs.Single(o => o.Kind == OutputKind.External).SpendData);
    }

    [Fact]
    public async Task NextSubstrateBlock_HandsOverOnlyTheBlocksAfterTheLastAcknowledged()
    {
        await using var bed = await ReporterBed.StartAsync();
        await bed.DeliverAllAsync([
            Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))]),
            Own(101), OfKey(101, Key1, activates: false, [External(2, 70_000, Transfer(2))]),
        ]);

        await bed.DeliverAsync(Substrate(1, Hash(100), [0]));
        await bed.DeliverAsync(Substrate(2, Hash(100), [], Burn(1, 10_000)));
        await bed.DeliverAsync(Substrate(3, Hash(101), [1]));

        var acknowledged = bed.EmittedOf(OutputsAcknowledged.Parser);
        Assert.Equal([1ul, 2ul, 3ul], acknowledged.Select(a => a.SeraiBlockNumber));
        Assert.Equal([[100ul], [], [101ul]], acknowledged.Select(a => a.Blocks.Select(b => b.Height).ToArray()));
        Assert.Single(acknowledged[1].Burns);
    }

    [Fact]
    public async Task SubstrateBlockBeforeAnyBatch_HandsOverItsBurnsWithNoRequiredBlock()
    {
        await using var bed = await ReporterBed.StartAsync();
        await bed.DeliverAllAsync([Own(100)]);

        await bed.DeliverAsync(Substrate(1, [], [], Burn(1, 10_000)));

        var acknowledged = Assert.Single(bed.EmittedOf(OutputsAcknowledged.Parser));
        Assert.Equal(0ul, acknowledged.RequiredBlockHeight);
        Assert.True(acknowledged.RequiredBlockHash.IsEmpty);
        Assert.Empty(acknowledged.Blocks);
        Assert.Single(acknowledged.Burns);
    }

    private static SubstrateBlock Substrate(ulong number, byte[] required, uint[] batchIds, params Burn[] burns)
    {
        var block = new SubstrateBlock { SeraiBlockNumber = number, LatestFinalizedExternalBlock = ByteString.CopyFrom(required) };
        block.BatchIds.AddRange(batchIds);
        block.Burns.AddRange(burns);
        return block;
    }

    private static Burn Burn(byte destination, ulong amount) =>
        new() { Coin = Coin.Bitcoin, Amount = amount, Destination = ByteString.CopyFrom(P2pkh(destination)) };
}
