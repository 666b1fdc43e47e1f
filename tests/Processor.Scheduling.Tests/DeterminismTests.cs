using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>Every validator computes the same plans: same ids, same encodings, same transaction ids.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public void SameStateAndAcknowledgement_GiveByteIdenticalPlans_WhateverTheOrderOfThePool()
    {
        var first = new PlanningBed();
        var second = new PlanningBed();
        var outputs = Enumerable.Range(0, 700).Select(i => first.Output(1_000_000 + ((ulong)i % 7 * 1_000))).ToList();
        var copies = outputs.Select(o => o with { Id = new OutputReference([.. o.Id.TransactionId], o.Id.Index), LockingScript = [.. o.LockingScript] });
        var burns = Enumerable.Range(0, 600).Select(i => Burn(500_000, i)).ToList();

        var a = first.Schedule(outputs, burns);
        var b = second.Schedule([.. copies.Reverse()], burns);

        Assert.Equal(2, a.Plans.Count);
        Assert.Equal(a.Plans.Select(Encoding), b.Plans.Select(Encoding));
        Assert.Equal(a.Plans.Select(p => Convert.ToHexString(p.Id)), b.Plans.Select(p => Convert.ToHexString(p.Id)));
        Assert.Equal(a.Plans.Select(p => Convert.ToHexString(p.Eventuality)), b.Plans.Select(p => Convert.ToHexString(p.Eventuality)));
        Assert.Equal(a.Plans.Select(p => p.Fee), b.Plans.Select(p => p.Fee));
    }

    [Fact]
    public void PlanTransactionIdAndEventuality_AreTheIdOfTheTransactionTheSignerBuilds()
    {
        var bed = new PlanningBed();

        var plan = Assert.Single(bed.Schedule([bed.Output(3 * Coin), bed.Output(Coin)], [Burn(2 * Coin, 0), Burn(Coin, 1)]).Plans);

        var signable = TransactionPlanner.Prepare(plan.ToTransactionPlan());
        Assert.Equal(signable.TransactionId, plan.TransactionId);
        Assert.Equal(signable.TransactionId, plan.Eventuality);
        Assert.Equal(plan.Inputs.Count, signable.Inputs.Count);
    }

    [Fact]
    public void PlanId_CommitsToWhatThePlanPays()
    {
        var bed = new PlanningBed();
        var plan = Assert.Single(bed.Schedule([bed.Output(3 * Coin)], [Burn(Coin, 0)]).Plans);
        var payment = plan.Payments[0];

        var otherPayment = PlanEncoding.Id(plan.NetworkKey, plan.Inputs, [payment with { Id = payment.Id! with { Index = 9 } }], plan.Change);
        var otherAmount = PlanEncoding.Id(plan.NetworkKey, plan.Inputs, [payment with { Amount = payment.Amount - 1 }], plan.Change);

        Assert.Equal(32, plan.Id.Length);
        Assert.NotEqual(plan.Id, otherPayment);
        Assert.NotEqual(plan.Id, otherAmount);
        Assert.StartsWith("11000000", Convert.ToHexString(PlanEncoding.Encode(plan.NetworkKey, plan.Inputs, plan.Payments, plan.Change)), StringComparison.Ordinal);
    }

    private static string Encoding(Plan plan) =>
        Convert.ToHexString(PlanEncoding.Encode(plan.NetworkKey, plan.Inputs, plan.Payments, plan.Change));
}
