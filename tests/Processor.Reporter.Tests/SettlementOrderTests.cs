using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Contracts.Signer.V1;
using Processor.Reporter.Tests.Support;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>
/// Batch ids are equal at every validator although the scanner's parts reach each in another order: a key confirmed late at
/// one validator gets its parts from a catch-up scan, after the own parts of higher blocks.
/// </summary>
public sealed class SettlementOrderTests
{
    private static readonly Key Key1 = KeyOf(1);
    private static readonly Key Key2 = KeyOf(2);

    [Fact]
    public async Task CatchUpOrder_GivesTheSameBatchesAsInStepOrder()
    {
        var k100 = OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))]);
        var k102 = OfKey(102, Key1, activates: false, [External(2, 70_000, Transfer(2))]);
        var k104 = OfKey(104, Key1, activates: false, [External(3, 80_000, Transfer(3))]);
        await using var inStep = await ReporterBed.StartAsync();
        await using var caughtUp = await ReporterBed.StartAsync();

        await inStep.DeliverAllAsync([Own(100), k100, Own(101), Own(102), k102, Own(103), Own(104), k104]);
        // The key was confirmed to this scanner after it scanned 103: its parts up to 103 come afterwards.
        await caughtUp.DeliverAllAsync([Own(100), Own(101), Own(102), Own(103)]);
        Assert.Empty(caughtUp.Batches);
        await caughtUp.DeliverAllAsync([k100, k102, Own(104), k104]);

        Assert.Equal([0u, 1u, 2u], inStep.Batches.Select(b => b.Id));
        Assert.Equal(inStep.Batches, caughtUp.Batches);
    }

    [Fact]
    public async Task KeyCatchingUp_HoldsBackBlocksItMayStillHaveOutputsIn()
    {
        await using var bed = await ReporterBed.StartAsync();

        // Key 1 is in step; key 2 activated at 101 but its catch-up parts have only reached 101 when block 103 of key 1 arrives.
        await bed.DeliverAllAsync([
            Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))]),
            Own(101), Own(102), OfKey(101, Key2, activates: true, []),
        ]);
        Assert.Single(bed.Batches);

        await bed.DeliverAllAsync([OfKey(102, Key2, activates: false, [External(2, 70_000, Transfer(2))])]);
        await bed.DeliverAllAsync([Own(103), OfKey(103, Key1, activates: false, [External(3, 80_000, Transfer(3))])]);
        // Key 2 is in step from 103 on: that it has nothing in 103 shows only when block 104 comes.
        Assert.Equal(2, bed.Batches.Count);
        await bed.DeliverAllAsync([Own(104)]);

        Assert.Equal([Hash(100), Hash(102), Hash(103)], bed.Batches.Select(b => b.ExternalBlockHash.ToByteArray()));
        Assert.Equal([0u, 1u, 2u], bed.Batches.Select(b => b.Id));
    }

    [Fact]
    public async Task ConfirmedKeyWithoutMarker_HoldsBackBlocksFromItsActivation()
    {
        await using var bed = await ReporterBed.StartAsync();
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, [External(1, 60_000, Transfer(1))])]);

        // Key 2 activates at 101 (the signer says so); the scanner has not shown its marker yet.
        await bed.DeliverAsync(new KeyActivated
        {
            Session = 2,
            KeyPair = Key2.Pair,
            ActivationTime = Timestamp.FromDateTimeOffset(MedianTime(101)),
        });
        await bed.DeliverAllAsync([Own(101), Own(102), OfKey(102, Key1, activates: false, [External(2, 70_000, Transfer(2))])]);
        Assert.Single(bed.Batches);

        await bed.DeliverAllAsync([OfKey(101, Key2, activates: true, [External(3, 80_000, Transfer(3))]), Own(103)]);

        Assert.Equal([Hash(100), Hash(101), Hash(102)], bed.Batches.Select(b => b.ExternalBlockHash.ToByteArray()));
    }

    [Fact]
    public async Task DepositBlock_IsBatchedAsSoonAsItsKeyPartsAreComplete()
    {
        await using var bed = await ReporterBed.StartAsync();

        await bed.DeliverAllAsync([
            Own(100), OfKey(100, Key1, activates: true, []),
            Own(101), OfKey(101, Key1, activates: false, [External(1, 60_000, Transfer(1))], part: 0, partCount: 2),
        ]);
        Assert.Empty(bed.Batches);
        await bed.DeliverAllAsync([OfKey(101, Key1, activates: false, [External(2, 70_000, Transfer(2))], part: 1, partCount: 2)]);

        var batch = Assert.Single(bed.Batches);
        Assert.Equal(2, batch.Instructions.Count);
    }
}
