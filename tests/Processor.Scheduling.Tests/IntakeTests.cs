using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>What the engine refuses to queue (dropped, reported) and what input it rejects as contradicting its state.</summary>
public sealed class IntakeTests
{
    [Fact]
    public void BurnOfAnotherCoin_IsDroppedAsUnsupportedCoin()
    {
        var bed = new PlanningBed();

        var result = bed.Schedule([bed.Output(Coin)], [Burn(Coin / 2, 0, coin: 4)]);

        var dropped = Assert.Single(result.Dropped);
        Assert.Equal(DropReason.UnsupportedCoin, dropped.Reason);
        Assert.Empty(result.Plans);
        Assert.Empty(result.State.Queue);
    }

    [Theory]
    [InlineData("050000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("0411111111111111111111111111111111111111111111111111111111111111")]
    [InlineData("")]
    public void BurnToAnAddressNamingNoScript_IsDroppedAsInvalidAddress(string destinationHex)
    {
        var bed = new PlanningBed();
        var destination = Convert.FromHexString(destinationHex);

        var result = bed.Schedule([bed.Output(Coin)], [Burn(Coin / 2, 3, destination)]);

        var dropped = Assert.Single(result.Dropped);
        Assert.Equal((new PaymentId(PaymentOrigin.Burn, 1, 3), DropReason.InvalidAddress), (dropped.Id, dropped.Reason));
        Assert.Equal(destination, dropped.Destination);
        Assert.Empty(result.Plans);
    }

    [Fact]
    public void BurnUnderDust_IsDroppedAsDust_AndTheOthersArePaid()
    {
        var bed = new PlanningBed();

        var result = bed.Schedule([bed.Output(Coin)], [Burn(bed.Limits.Dust - 1, 0), Burn(Coin / 2, 1)]);

        var dropped = Assert.Single(result.Dropped);
        Assert.Equal((0u, DropReason.Dust, bed.Limits.Dust - 1), (dropped.Id.Index, dropped.Reason, dropped.Amount));
        Assert.Equal(1u, Assert.Single(Assert.Single(result.Plans).Payments).Id!.Index);
    }

    [Fact]
    public void PaymentAlreadyScheduled_IsRejected()
    {
        var bed = new PlanningBed();
        bed.Schedule(payments: [Burn(Coin, 0)]);

        var error = Assert.Throws<ArgumentException>(() => bed.Schedule(payments: [Burn(Coin, 0)]));

        Assert.Contains("already scheduled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputNotLockedByTheKeysAddressOfItsKind_IsRejected()
    {
        var bed = new PlanningBed();
        var change = bed.Output(Coin, OutputKind.Change);

        var error = Assert.Throws<ArgumentException>(() => bed.Schedule([change with { Kind = OutputKind.External }]));

        Assert.Contains("External address", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputAlreadyInThePool_IsRejected()
    {
        var bed = new PlanningBed();
        var output = bed.Output(Coin);
        bed.Schedule([output]);

        var error = Assert.Throws<ArgumentException>(() => bed.Schedule([output with { Id = new OutputReference([.. output.Id.TransactionId], 0) }]));

        Assert.Contains("already in the pool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZeroFeeRate_IsRejected()
    {
        var bed = new PlanningBed(feeRate: 0);

        Assert.Throws<ArgumentException>(() => bed.Schedule([bed.Output(Coin)]));
    }

    [Fact]
    public void LimitsTooSmallToBranch_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new PlanningBed(limits: new PlanningLimits(520, 2, 10_000, 546)));
    }
}
