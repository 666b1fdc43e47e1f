using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.MoneroPlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>
/// Monero's Branch outputs have no place known at planning (the txid depends on who signs, the outputs are shuffled): they
/// are matched by amount, oldest pending branch first, with Monero's limits and fees.
/// </summary>
public sealed class MoneroBranchTests
{
    private const ulong Payment = Xmr / 10;

    [Fact]
    public void SixHundredPayments_FanOutThroughAmountMatchedBranchOutputs_AndEachIsPaidExactlyOnce()
    {
        var bed = new MoneroPlanningBed();
        var burns = Enumerable.Range(0, 600).Select(i => Burn(Payment, i)).ToList();

        var root = bed.Schedule([bed.Output(1_000 * Xmr)], burns);
        var plans = TreeRun.Complete(root, outputs => bed.Schedule(outputs), bed.OwnOutputsOf, maxRounds: 20);

        Assert.NotEmpty(root.State.Branches);
        Assert.All(root.State.Branches, b => Assert.Null(b.Output));
        Assert.All(plans, AssertWellFormed);
        var counts = TreeRun.PaymentCounts(plans);
        Assert.Equal(600, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
        var paid = plans.SelectMany(p => p.Payments).Where(p => p.Kind == PlanPaymentKind.External).Select(p => Convert.ToHexString(p.Script));
        Assert.Equal(burns.Select(b => Convert.ToHexString(Address((int)b.Id.Index))).Order(), paid.Order());
        Assert.Contains(plans, p => p.Inputs is [{ Kind: OutputKind.Branch }]);
        Assert.Empty(bed.State.Branches);
        Assert.Empty(bed.State.Queue);
    }

    [Fact]
    public void TwoPendingBranchesOfEqualAmount_AreFundedOldestFirst_WhicheverOutputArrivesFirst()
    {
        var bed = new MoneroPlanningBed();
        var root = bed.Schedule([bed.Output(100 * Xmr)], [.. Enumerable.Range(0, 210).Select(i => Burn(Payment, i))]);
        var pending = root.State.Branches;
        var (older, younger) = EqualAmountPair(pending);
        var arrivals = bed.OwnOutputsOf(Assert.Single(root.Plans)).Where(o => o.Kind == OutputKind.Branch && o.Amount == older.Amount).ToList();

        var first = bed.Schedule([arrivals[^1]]);
        var second = bed.Schedule([arrivals[^2]]);

        Assert.Equal(older.Payments.Select(p => p.Id), Assert.Single(first.Plans).Payments.Select(p => p.Id));
        Assert.Equal(arrivals[^1].Id, first.Plans[0].Inputs.Single().Id);
        Assert.Equal(younger.Payments.Select(p => p.Id), Assert.Single(second.Plans).Payments.Select(p => p.Id));
        Assert.Equal([older.PlanId], first.Change.BranchesRemoved.Select(b => b.PlanId));
        Assert.Equal(older.Position, Assert.Single(first.Change.BranchesRemoved).Position);
        Assert.Equal(younger.Position, Assert.Single(second.Change.BranchesRemoved).Position);
    }

    [Fact]
    public void BranchAddressOutputOfAnAmountNobodyWaitsFor_JoinsThePool()
    {
        var bed = new MoneroPlanningBed();
        var root = bed.Schedule([bed.Output(100 * Xmr)], [.. Enumerable.Range(0, 40).Select(i => Burn(Payment, i))]);
        var waited = root.State.Branches.Select(b => b.Amount).ToHashSet();
        var stray = bed.Output(Enumerable.Range(1, 10).Select(k => Payment + (ulong)k).First(a => !waited.Contains(a)), OutputKind.Branch);

        var result = bed.Schedule([stray]);

        Assert.Empty(result.Plans);
        Assert.Equal([stray.Id], result.Change.UtxosAdded.Select(u => u.Id));
        Assert.Equal(root.State.Branches.Count, result.State.Branches.Count);
        Assert.All(result.State.Branches, b => Assert.False(b.Arrived));
    }

    [Fact]
    public void ForeignOutputOfAWaitedAmount_FundsTheBranch_AndTheRealBranchOutputThenJoinsThePool()
    {
        var bed = new MoneroPlanningBed();
        var root = bed.Schedule([bed.Output(100 * Xmr)], [.. Enumerable.Range(0, 20).Select(i => Burn(Payment, i))]);
        var branch = Assert.Single(root.State.Branches);
        var real = bed.OwnOutputsOf(Assert.Single(root.Plans)).Single(o => o.Kind == OutputKind.Branch);
        var foreign = bed.Output(branch.Amount, OutputKind.Branch);

        var byForeign = bed.Schedule([foreign]);
        var byReal = bed.Schedule([real]);

        Assert.Equal(branch.Payments.Select(p => p.Id), Assert.Single(byForeign.Plans).Payments.Select(p => p.Id));
        Assert.Equal(foreign.Id, byForeign.Plans[0].Inputs.Single().Id);
        Assert.Empty(byReal.Plans);
        Assert.Equal([real.Id], byReal.State.Utxos.Select(u => u.Id));
        var counts = TreeRun.PaymentCounts(root.Plans.Concat(byForeign.Plans));
        Assert.Equal(20, counts.Count);
        Assert.All(counts.Values, c => Assert.Equal(1, c));
    }

    [Fact]
    public void AmountMatchedBranchThatCannotPayItsFee_WaitsArrivedAtTheOutputsPlace_AndThatOutputCannotArriveAgain()
    {
        var bed = new MoneroPlanningBed();
        var root = bed.Schedule([bed.Output(100 * Xmr)], [.. Enumerable.Range(0, 20).Select(i => Burn(Xmr / 50, i))]);
        var real = bed.OwnOutputsOf(Assert.Single(root.Plans)).Single(o => o.Kind == OutputKind.Branch);
        var spike = bed.Planner.Schedule(bed.State, new SchedulingInput([real], [], FeeRate * 1_000));

        Assert.Empty(spike.Plans);
        var arrived = Assert.Single(spike.Change.BranchesArrived);
        Assert.Equal(real.Id, arrived.Output);
        Assert.Equal(real.SpendData, arrived.SpendData);
        Assert.Throws<ArgumentException>(() => bed.Planner.Schedule(spike.State, new SchedulingInput([real], [], FeeRate)));
    }

    private static (PendingBranch Older, PendingBranch Younger) EqualAmountPair(IReadOnlyList<PendingBranch> pending)
    {
        for (var i = 0; i < pending.Count; i++)
        {
            if (pending.Skip(i + 1).FirstOrDefault(b => b.Amount == pending[i].Amount) is { } younger)
            {
                return (pending[i], younger);
            }
        }

        Assert.Fail($"no two of the {pending.Count} pending branches have the same amount");
        throw new InvalidOperationException();
    }
}
