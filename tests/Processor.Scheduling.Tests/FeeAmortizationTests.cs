using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>The fee: exact size times the rate, shared over the payments (rounded up), dust re-checked, unaffordable plans kept.</summary>
public sealed class FeeAmortizationTests
{
    [Fact]
    public void Fee_IsTheExactVsizeTimesTheRate_SharedEquallyOverThePaymentsRoundedUp()
    {
        var bed = new PlanningBed(feeRate: 7);

        var plan = Assert.Single(bed.Schedule([bed.Output(10 * Coin)], [Burn(Coin, 0), Burn(2 * Coin, 1), Burn(3 * Coin, 2)]).Plans);

        var exactFee = PlanAssert.ExactFee(plan);
        var share = (exactFee + 2) / 3;
        Assert.Equal([Coin - share, (2 * Coin) - share, (3 * Coin) - share], plan.Payments.Select(p => p.Amount));
        Assert.Equal(4 * Coin, plan.Change!.Amount);
        Assert.Equal(3 * share, plan.Fee);
        Assert.InRange(plan.Fee - exactFee, 0UL, 2UL);
        PlanAssert.WellFormed(plan, bed);
    }

    [Fact]
    public void PaymentUnderDustAfterItsShare_IsDropped_AndTheOthersShareTheRecomputedFee()
    {
        var bed = new PlanningBed(feeRate: 100);
        var small = bed.Limits.Dust + 5_000;

        var result = bed.Schedule([bed.Output(10 * Coin)], [Burn(Coin, 0), Burn(small, 1), Burn(Coin, 2)]);

        var dropped = Assert.Single(result.Dropped);
        Assert.Equal((1u, DropReason.Dust, small), (dropped.Id.Index, dropped.Reason, dropped.Amount));
        var plan = Assert.Single(result.Plans);
        var share = (PlanAssert.ExactFee(plan) + 1) / 2;
        Assert.Equal([Coin - share, Coin - share], plan.Payments.Select(p => p.Amount));
        Assert.Equal(8 * Coin, plan.Change!.Amount);
        Assert.Empty(result.State.Queue);
        PlanAssert.WellFormed(plan, bed);
    }

    [Fact]
    public void PlanThatCannotPayItsFee_KeepsItsInputsAndPayments_AndIsMadeWhenTheRateAllows()
    {
        var bed = new PlanningBed(feeRate: 1_000);
        var amount = bed.Limits.Dust + 50_000;

        var spike = bed.Schedule([bed.Output(Coin)], [Burn(amount, 0)]);
        bed.FeeRate = 10;
        var calm = bed.Schedule();

        Assert.Empty(spike.Plans);
        Assert.Empty(spike.Dropped);
        Assert.Single(spike.State.Utxos);
        Assert.Single(spike.State.Queue);
        var plan = Assert.Single(calm.Plans);
        Assert.Equal(amount - plan.Fee, Assert.Single(plan.Payments).Amount);
        Assert.Empty(calm.State.Queue);
    }
}
