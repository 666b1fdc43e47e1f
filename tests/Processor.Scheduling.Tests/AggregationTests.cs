using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>More outputs than one transaction spends: the smallest are aggregated to the Change address.</summary>
public sealed class AggregationTests
{
    [Fact]
    public void SixHundredSmallOutputs_AggregateBeyondTheLargest520_AndThenPayABurnNoneOfThemCouldAlone()
    {
        var bed = new PlanningBed();
        var deposits = Enumerable.Range(0, 600).Select(i => bed.Output(1_000_000 + (ulong)i)).ToList();
        const ulong burn = 521_000_000;

        var first = bed.Schedule(deposits, [Burn(burn, 0)]);
        var aggregation = Assert.Single(first.Plans);
        var second = bed.Schedule(OwnOutputsOf(aggregation));

        PlanAssert.WellFormed(aggregation, bed);
        Assert.Empty(aggregation.Payments);
        Assert.Equal(80, aggregation.Inputs.Count);
        Assert.Equal(deposits.Take(80).Select(d => d.Amount).Order(), aggregation.Inputs.Select(i => i.Amount).Order());
        Assert.Equal(ChangeScript, aggregation.Change!.LockingScript);
        Assert.Equal(PlanAssert.ExactFee(aggregation), aggregation.Fee);
        Assert.Single(first.State.Queue);

        var payment = Assert.Single(second.Plans);
        PlanAssert.WellFormed(payment, bed);
        Assert.Equal(burn - payment.Fee, Assert.Single(payment.Payments).Amount);
        Assert.Contains(payment.Inputs, i => i.Kind == OutputKind.Change);
        var spent = first.Plans.Concat(second.Plans).SelectMany(p => p.Inputs).Select(i => i.Id).ToList();
        Assert.Equal(spent.Count, spent.Distinct(OutputReferenceComparer.Instance).Count());
    }

    [Fact]
    public void OneOutputBeyondTheLimit_IsNotAggregated()
    {
        var bed = new PlanningBed();

        var result = bed.Schedule([.. Enumerable.Range(0, 521).Select(_ => bed.Output(1_000_000))]);

        Assert.Empty(result.Plans);
        Assert.Equal(521, result.State.Utxos.Count);
    }

    [Fact]
    public void AggregationThatCannotLeaveChangeAboveDust_LeavesItsOutputsInThePool()
    {
        var bed = new PlanningBed(feeRate: 200);

        var result = bed.Schedule([.. Enumerable.Range(0, 530).Select(_ => bed.Output(12_000))]);

        Assert.Empty(result.Plans);
        Assert.Equal(530, result.State.Utxos.Count);
    }
}
