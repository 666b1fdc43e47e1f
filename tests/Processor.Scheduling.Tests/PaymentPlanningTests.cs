using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>Paying the queue from the pool: FIFO, largest outputs first, change, and Serai's own scenario.</summary>
public sealed class PaymentPlanningTests
{
    [Fact]
    public void SeraisScenario_OneCoinBurnFromAPointOneOneCoinDeposit_PaysTheBurnLessTheFeeAndExactlyATenthOfACoinChange()
    {
        var bed = new PlanningBed();

        var deposit = bed.Schedule([bed.Output(110_000_000)]);
        var burn = bed.Schedule(payments: [Burn(Coin, 0)]);

        Assert.Empty(deposit.Plans);
        var plan = Assert.Single(burn.Plans);
        PlanAssert.WellFormed(plan, bed);
        var payment = Assert.Single(plan.Payments);
        Assert.Equal(P2pkhScript(0), payment.Script);
        Assert.Equal(Coin - plan.Fee, payment.Amount);
        Assert.Equal(PlanAssert.ExactFee(plan), plan.Fee);
        Assert.Equal(ChangeScript, plan.Change!.LockingScript);
        Assert.Equal(10_000_000UL, plan.Change.Amount);
        Assert.Empty(burn.State.Utxos);
        Assert.Empty(burn.State.Queue);
    }

    [Fact]
    public void Payments_SpendTheFewestOutputs_LargestFirst()
    {
        var bed = new PlanningBed();
        var outputs = new[] { bed.Output(2 * Coin), bed.Output(5 * Coin), bed.Output(1 * Coin), bed.Output(4 * Coin) };

        var result = bed.Schedule(outputs, [Burn(6 * Coin, 0), Burn(2 * Coin, 1)]);

        var plan = Assert.Single(result.Plans);
        Assert.Equal([5 * Coin, 4 * Coin], plan.Inputs.Select(i => i.Amount));
        Assert.Equal(2, plan.Payments.Count);
        Assert.Equal(Coin, plan.Change!.Amount);
        Assert.Equal([2 * Coin, 1 * Coin], result.State.Utxos.Select(u => u.Amount).Order().Reverse());
    }

    [Fact]
    public void QueueHeadLargerThanThePool_WaitsAndHoldsBackLaterPayments_UntilCoinsArrive()
    {
        var bed = new PlanningBed();

        var waiting = bed.Schedule([bed.Output(3 * Coin)], [Burn(5 * Coin, 0), Burn(Coin, 1)]);
        var paid = bed.Schedule([bed.Output(4 * Coin)]);

        Assert.Empty(waiting.Plans);
        Assert.Equal(2, waiting.State.Queue.Count);
        var plan = Assert.Single(paid.Plans);
        Assert.Equal([0u, 1u], plan.Payments.Select(p => p.Id!.Index));
        Assert.Empty(paid.State.Queue);
    }

    [Fact]
    public void PaymentOfExactlyTheInputs_HasNoChange_AndPaysTheFee()
    {
        var bed = new PlanningBed();

        var plan = Assert.Single(bed.Schedule([bed.Output(Coin)], [Burn(Coin, 0)]).Plans);

        Assert.Null(plan.Change);
        Assert.Equal(PlanAssert.ExactFee(plan), plan.Fee);
        Assert.Equal(Coin - plan.Fee, Assert.Single(plan.Payments).Amount);
    }

    [Fact]
    public void ChangeUnderTheRelayDust_GoesToTheFee_AndLightensThePaymentsShare()
    {
        var bed = new PlanningBed();
        const ulong leftover = 500;

        var plan = Assert.Single(bed.Schedule([bed.Output(Coin + leftover)], [Burn(Coin, 0)]).Plans);

        Assert.Null(plan.Change);
        var exactFee = PlanAssert.ExactFee(plan);
        Assert.Equal(Coin - (exactFee - leftover), Assert.Single(plan.Payments).Amount);
        Assert.Equal(exactFee, plan.Fee);
        PlanAssert.WellFormed(plan, bed);
    }

    [Fact]
    public void OutputsWithoutPayments_StayInThePool()
    {
        var bed = new PlanningBed();

        var result = bed.Schedule([bed.Output(Coin), bed.Output(2 * Coin, OutputKind.Change)]);

        Assert.Empty(result.Plans);
        Assert.Equal(2, result.State.Utxos.Count);
        Assert.Equal(2, result.Change.UtxosAdded.Count);
    }
}
