using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>Payouts larger than one transaction fan out through Branch outputs whose arrival pays the queued children.</summary>
public sealed class BranchTests
{
    [Fact]
    public void SixHundredBurns_FanOutThroughABranch_AndEachDestinationIsPaidExactlyOnce()
    {
        var bed = new PlanningBed();
        var burns = Enumerable.Range(0, 600).Select(i => Burn(1_000_000, i)).ToList();

        var root = bed.Schedule([bed.Output(100 * Coin)], burns);
        var plans = TreeRun.Complete(bed, root);

        var rootPlan = Assert.Single(root.Plans);
        Assert.Equal(519, rootPlan.Payments.Count);
        Assert.Equal(PlanPaymentKind.Branch, rootPlan.Payments[0].Kind);
        Assert.NotNull(rootPlan.Change);
        Assert.Equal(2, plans.Count);
        Assert.Equal(82, plans[1].Payments.Count);
        Assert.Equal(OutputKind.Branch, plans[1].Inputs.Single().Kind);
        Assert.All(plans, p => PlanAssert.WellFormed(p, bed));
        var counts = TreeRun.PaymentCounts(plans);
        Assert.Equal(600, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        var paidScripts = plans.SelectMany(p => p.Payments).Where(p => p.Kind == PlanPaymentKind.External).Select(p => Convert.ToHexString(p.Script));
        Assert.Equal(burns.Select(b => Convert.ToHexString(P2pkhScript((int)b.Id.Index))).Order(), paidScripts.Order());
        Assert.Empty(bed.State.Branches);
        Assert.Empty(bed.State.Queue);
    }

    [Fact]
    public void TenThousandBurns_AreAllPaidExactlyOnce_ThroughOneLevelOfBranches()
    {
        var bed = new PlanningBed();
        var burns = Enumerable.Range(0, 10_000).Select(i => Burn(200_000, i)).ToList();

        var root = bed.Schedule([bed.Output(50 * Coin)], burns);
        var plans = TreeRun.Complete(bed, root);

        Assert.Equal(19, root.State.Branches.Count);
        Assert.Equal(20, plans.Count);
        Assert.All(plans, p => PlanAssert.WellFormed(p, bed));
        var counts = TreeRun.PaymentCounts(plans);
        Assert.Equal(10_000, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        Assert.Empty(bed.State.Branches);
    }

    [Theory]
    [InlineData(519)]
    [InlineData(520)]
    [InlineData(521)]
    [InlineData(1_038)]
    [InlineData(1_039)]
    public void PaymentsAroundTheOutputLimitWithChange_FitInOneTransactionWithoutLooping(int count)
    {
        var bed = new PlanningBed();

        var root = bed.Schedule([bed.Output(100 * Coin)], [.. Enumerable.Range(0, count).Select(i => Burn(100_000, i))]);

        var plan = Assert.Single(root.Plans);
        Assert.NotNull(plan.Change);
        Assert.Equal(Math.Min(count, 519), plan.Payments.Count);
        var counts = TreeRun.PaymentCounts(TreeRun.Complete(bed, root));
        Assert.Equal(count, counts.Count);
    }

    [Fact]
    public void BranchOutputSmallerThanItsPayments_ChargesThemTheDifferenceExpectedLessActual_PlusTheirOwnFee()
    {
        var bed = new PlanningBed(feeRate: 50);
        var burns = Enumerable.Range(0, 522).Select(i => Burn(1_000_000, i)).ToList();

        var root = bed.Schedule([bed.Output(100 * Coin)], burns);
        var branch = Assert.Single(root.State.Branches);
        var children = bed.Schedule([.. OwnOutputsOf(Assert.Single(root.Plans)).Where(o => o.Kind == OutputKind.Branch)]);

        var expected = branch.Payments.Aggregate(0UL, (s, p) => s + p.Amount);
        Assert.True(branch.Amount < expected);
        var plan = Assert.Single(children.Plans);
        Assert.Null(plan.Change);
        var owed = PlanAssert.ExactFee(plan) + (expected - branch.Amount);
        var share = (owed + (ulong)branch.Payments.Count - 1) / (ulong)branch.Payments.Count;
        Assert.All(plan.Payments, p => Assert.Equal(1_000_000 - share, p.Amount));
        PlanAssert.WellFormed(plan, bed);
    }

    [Fact]
    public void ArrivedBranchThatCannotPayItsFee_WaitsWithItsPayments_AndIsPaidWhenTheRateAllows()
    {
        var bed = new PlanningBed();
        var root = bed.Schedule([bed.Output(100 * Coin)], [.. Enumerable.Range(0, 530).Select(i => Burn(20_000, i))]);
        var branchOutput = OwnOutputsOf(Assert.Single(root.Plans)).Single(o => o.Kind == OutputKind.Branch);

        bed.FeeRate = 10_000;
        var spike = bed.Schedule([branchOutput]);
        bed.FeeRate = 10;
        var calm = bed.Schedule();

        Assert.Empty(spike.Plans);
        Assert.Empty(spike.Dropped);
        Assert.True(Assert.Single(spike.State.Branches).Arrived);
        Assert.Equal([branchOutput.Id], spike.Change.BranchesArrived.Select(b => b.Output));
        var plan = Assert.Single(calm.Plans);
        Assert.Equal(12, plan.Payments.Count);
        Assert.Empty(calm.State.Branches);
        Assert.Equal([branchOutput.Id], calm.Change.BranchesRemoved.Select(b => b.Output));
    }

    [Fact]
    public void BranchOutputArrivingTwice_IsRejected()
    {
        var bed = new PlanningBed();
        var root = bed.Schedule([bed.Output(100 * Coin)], [.. Enumerable.Range(0, 530).Select(i => Burn(20_000, i))]);
        var branchOutput = OwnOutputsOf(Assert.Single(root.Plans)).Single(o => o.Kind == OutputKind.Branch);
        bed.FeeRate = 10_000;
        bed.Schedule([branchOutput]);

        Assert.Throws<ArgumentException>(() => bed.Schedule([branchOutput]));
    }
}
