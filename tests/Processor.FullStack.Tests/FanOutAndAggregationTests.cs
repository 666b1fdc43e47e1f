using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts.Scheduler.V1;
using Processor.FullStack.Tests.Support;
using static Processor.FullStack.Tests.Support.FullStackScript;

namespace Processor.FullStack.Tests;

/// <summary>More payments and more UTXOs than one plan may hold (520 each): paid through Branch outputs, aggregated into Change.</summary>
[Collection(FullStackDefinition.Name)]
public sealed class FanOutAndAggregationTests(FullStackRuns runs)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SixHundredBurnsInOneSeraiBlock_EachDestinationPaidExactlyOnceOnChain_ThroughBranchOutputs()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.FanOut);

        var payouts = await run.PayoutsAsync(run.EndHeight, Cancel);
        var paid = payouts
            .GroupBy(p => Convert.ToHexStringLower(p.Transaction.Transaction.Outputs[p.Vout].ScriptPubKey.Span))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Transaction.Transaction.Outputs[p.Vout].Value).ToList());
        var wrong = new List<string>();
        foreach (var (destination, index) in FanOutDestinations.Select((d, i) => (d, i)))
        {
            var amounts = paid.GetValueOrDefault(Convert.ToHexStringLower(ScriptOf(destination))) ?? [];
            if (amounts.Count != 1 || amounts[0] > FanOutBurn || amounts[0] < FanOutBurn - FanOutFeeBound)
            {
                wrong.Add($"burn {index}: paid [{string.Join(", ", amounts)}]");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {FanOutBurns} burns not paid exactly once with at most {FanOutFeeBound} sat of fee:\n"
            + string.Join('\n', wrong.Take(20)));
        var plans = run.Flow.Plans().Values.ToList();
        Assert.Contains(plans, p => p.Payments.Any(payment => payment.Kind == PaymentKind.Branch));
        Assert.All(plans, p => Assert.True(p.Inputs.Count <= 520 && p.Payments.Count + (p.Change is null ? 0 : 1) <= 520,
            $"plan {FlowDriver.Hex(p.PlanId)} has {p.Inputs.Count} inputs and {p.Payments.Count} payments"));
    }

    [Fact]
    public async Task SixHundredSmallDepositsInOneBlock_AggregatedIntoTheChangeAddressByAMinedPlan()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.Aggregation);
        var deposit = run.AggregationDepositSent;
        var change = run.Flow.Script(AddressKind.Change);

        var aggregations = run.Flow.Plans().Values
            .Where(p => p.Payments.Count == 0 && p.Change is not null && p.Change.Script.Span.SequenceEqual(change))
            .Where(p => p.Inputs.Count(i => FlowDriver.DisplayHex(i.Id.Txid) == deposit.Txid) > 1)
            .ToList();

        Assert.NotEmpty(aggregations);
        foreach (var plan in aggregations)
        {
            Assert.True(plan.Inputs.Count <= 520, $"aggregation plan {FlowDriver.Hex(plan.PlanId)} spends {plan.Inputs.Count} inputs");
            Assert.NotNull(await run.Flow.Chain.BlockOfAsync(FlowDriver.DisplayHex(plan.EventualityTxid), Cancel));
        }
    }
}
