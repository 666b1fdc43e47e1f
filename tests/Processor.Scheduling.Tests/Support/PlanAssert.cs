using Processor.Bitcoin.Plugin;
using Processor.Scheduling;

namespace Processor.Scheduling.Tests.Support;

/// <summary>What every plan must satisfy, whatever it pays.</summary>
public static class PlanAssert
{
    /// <summary>
    /// Inputs = outputs + fee; the fee covers the exact vsize at the plan's rate; the limits hold; the id is the hash of the
    /// canonical encoding; the transaction id is the one the signer's planner computes, and it is the eventuality.
    /// </summary>
    public static void WellFormed(Plan plan, PlanningBed bed)
    {
        var inputs = plan.Inputs.Aggregate(0UL, (s, i) => s + i.Amount);
        var outputs = plan.Payments.Aggregate(0UL, (s, p) => s + p.Amount) + (plan.Change?.Amount ?? 0);
        Assert.Equal(inputs, outputs + plan.Fee);

        var scripts = plan.Payments.Select(p => p.Script).Concat(plan.Change is { } c ? [c.LockingScript] : []).ToList();
        var minimumFee = BitcoinTransactionFees.VirtualSize(plan.Inputs.Count, scripts) * plan.FeeRate;
        Assert.True(plan.Fee >= minimumFee, $"fee {plan.Fee} under {minimumFee}");
        Assert.InRange(plan.Inputs.Count, 1, bed.Limits.MaxInputs);
        Assert.InRange(scripts.Count, 1, bed.Limits.MaxOutputs);
        Assert.All(plan.Payments, p => Assert.True(p.Amount >= bed.Limits.Dust, $"payment of {p.Amount} under dust"));
        Assert.True(plan.Change is null || plan.Change.Amount >= bed.Limits.MinimumChange);

        Assert.Equal(PlanEncoding.Id(plan.NetworkKey, plan.Inputs, plan.Payments, plan.Change), plan.Id);
        Assert.Equal(PlanningBed.TransactionPlanner.Prepare(plan.ToTransactionPlan()).TransactionId, plan.TransactionId);
        Assert.Equal(plan.TransactionId, plan.Eventuality);
    }

    /// <summary>The fee a plan's transaction needs at its rate.</summary>
    public static ulong ExactFee(Plan plan) =>
        BitcoinTransactionFees.VirtualSize(
            plan.Inputs.Count, [.. plan.Payments.Select(p => p.Script), .. plan.Change is { } c ? [c.LockingScript] : Array.Empty<byte[]>()])
        * plan.FeeRate;
}
