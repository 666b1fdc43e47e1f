using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Reporter.Tests.Support;
using Processor.Serai;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>
/// An External output whose data yields no usable instruction is reported (InstructionRejected) and refunded as
/// serai-chain-formats.md §9 decides: to the origin its shorthand carried when that is a valid address, else to the presumed
/// origin; with neither it is reported and kept.
/// </summary>
public sealed class RefundTests
{
    private static readonly Key Key1 = KeyOf(1);

    [Fact]
    public async Task SwapWithValidOrigin_IsRefundedToThatOrigin()
    {
        await using var bed = await ReporterBed.StartAsync();

        var rejected = await RejectAsync(bed, External(1, 70_000, Swap(P2pkh(5)), origin: P2pkh(9)));

        Assert.Equal(InstructionRejection.UnsupportedShorthand, rejected.Reason);
        Assert.Equal(P2pkh(5), rejected.RefundDestination.ToByteArray());
        var refund = Assert.Single((await AcknowledgeAsync(bed)).Refunds);
        Assert.Equal(P2pkh(5), refund.Destination.ToByteArray());
        Assert.Equal(70_000ul, refund.Amount);
        Assert.Equal(Txid(1), refund.Output.Txid.ToByteArray());
    }

    [Fact]
    public async Task SwapWithInvalidOrigin_IsRefundedToThePresumedOrigin()
    {
        await using var bed = await ReporterBed.StartAsync();

        var rejected = await RejectAsync(bed, External(1, 70_000, Swap([9, 1, 2, 3]), origin: P2pkh(9)));

        Assert.Equal(P2pkh(9), rejected.RefundDestination.ToByteArray());
        Assert.Equal(P2pkh(9), Assert.Single((await AcknowledgeAsync(bed)).Refunds).Destination.ToByteArray());
    }

    [Fact]
    public async Task UndecodableData_IsRefundedToThePresumedOrigin_WithTheReason()
    {
        await using var bed = await ReporterBed.StartAsync();

        var rejected = await RejectAsync(bed, External(1, 70_000, [7, 7, 7], origin: P2pkh(9)));

        Assert.Equal(InstructionRejection.Undecodable, rejected.Reason);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Detail));
        Assert.Equal(P2pkh(9), rejected.RefundDestination.ToByteArray());
        Assert.Single((await AcknowledgeAsync(bed)).Refunds);
    }

    [Fact]
    public async Task NoDataAndNoOrigin_IsReportedWithoutDestination_AndNotRefunded()
    {
        await using var bed = await ReporterBed.StartAsync();

        var rejected = await RejectAsync(bed, External(1, 70_000, []));

        Assert.Equal(InstructionRejection.NoData, rejected.Reason);
        Assert.True(rejected.RefundDestination.IsEmpty);
        var acknowledged = await AcknowledgeAsync(bed);
        Assert.Empty(acknowledged.Refunds);
        // The output is still handed to the scheduler, which keeps it.
        Assert.Single(acknowledged.Blocks.SelectMany(b => b.Outputs).SelectMany(k => k.Outputs));
    }

    [Fact]
    public async Task RejectedOutput_IsNotInTheBatch_ButTheTransferBesideItIs()
    {
        await using var bed = await ReporterBed.StartAsync();

        await RejectAsync(bed, External(1, 70_000, [7]), External(2, 80_000, Transfer(4)));

        var batch = Assert.Single(bed.Batches);
        Assert.Equal(80_000ul, Assert.Single(batch.Instructions).Amount);
    }

    private static async Task<InstructionRejected> RejectAsync(ReporterBed bed, params Contracts.Scanner.V1.Output[] outputs)
    {
        await bed.DeliverAllAsync([Own(100), OfKey(100, Key1, activates: true, outputs)]);
        return Assert.Single(bed.EmittedOf(InstructionRejected.Parser));
    }

    private static async Task<OutputsAcknowledged> AcknowledgeAsync(ReporterBed bed)
    {
        var block = new SubstrateBlock { SeraiBlockNumber = 1, LatestFinalizedExternalBlock = ByteString.CopyFrom(Hash(100)) };
        block.BatchIds.Add(0);
        await bed.DeliverAsync(block);
        return Assert.Single(bed.EmittedOf(OutputsAcknowledged.Parser));
    }

    private static byte[] Swap(byte[] origin) =>
        new Shorthand.Swap(new ExternalAddress(origin), Coin.Bitcoin, new Amount(1), new OutInstruction(new ExternalAddress(P2pkh(1)), null)).Encode();
}
