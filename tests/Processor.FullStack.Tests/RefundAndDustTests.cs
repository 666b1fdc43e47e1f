using Processor.Bitcoin.Plugin;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.FullStack.Tests.Support;
using static Processor.FullStack.Tests.Support.FullStackScript;

namespace Processor.FullStack.Tests;

/// <summary>Coins that cannot be turned into an instruction go back where they came from; a burn too small to pay is reported, not paid.</summary>
[Collection(FullStackDefinition.Name)]
public sealed class RefundAndDustTests(FullStackRuns runs)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DepositWhoseDataDecodesToNothing_ReportedAtEveryValidator_RefundedOnceToThePresumedOrigin()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.RefundsAndDust);
        var deposit = run.UndecodableDeposit;
        var origin = SeraiExternalAddress.FromScriptPubKey(deposit.OriginScript)!;

        AssertRejectedAtEveryValidator(run, deposit, InstructionRejection.Undecodable, origin);
        await AssertRefundedOnceAsync(run, deposit.OriginScript);
    }

    [Fact]
    public async Task DepositWithASwapShorthand_ReportedAtEveryValidator_RefundedOnceToTheOriginItCarries()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.RefundsAndDust);

        AssertRejectedAtEveryValidator(run, run.SwapDeposit, InstructionRejection.UnsupportedShorthand, SwapOrigin);
        await AssertRefundedOnceAsync(run, ScriptOf(SwapOrigin));
    }

    [Fact]
    public async Task BurnUnderTheDustLimit_DroppedWithPaymentDroppedAtEveryValidator_NothingPaid()
    {
        var run = runs.Baseline;
        await run.ReachedAsync(FlowStep.RefundsAndDust);

        foreach (var (events, participant) in run.Running.Events.Select((e, i) => (e, i + 1)))
        {
            var dropped = events.All<PaymentDropped>().Where(d => d.SeraiBlockNumber == run.DustBurnBlock.Number).Distinct().ToList();
            var drop = Assert.Single(dropped);
            Assert.Equal(PaymentDropReason.Dust, drop.Reason);
            Assert.Equal(0u, drop.BurnIndex);
            Assert.Equal((ulong)DustBurn, drop.Burn.Amount);
            Assert.Equal(DustDestination, drop.Burn.Destination.ToByteArray());
        }

        // Bounded by the run's own blocks: the chaos run mines on the same node and pays the same destinations.
        await run.FinishedAsync();
        var payouts = await run.PayoutsAsync(run.EndHeight, Cancel);
        Assert.DoesNotContain(payouts, p => p.Transaction.Transaction.Outputs[p.Vout].ScriptPubKey.Span.SequenceEqual(ScriptOf(DustDestination)));
    }

    private static void AssertRejectedAtEveryValidator(FullRun run, Deposit deposit, InstructionRejection reason, byte[] refundDestination)
    {
        foreach (var (events, participant) in run.Running.Events.Select((e, i) => (e, i + 1)))
        {
            var rejected = events.All<InstructionRejected>().Where(r => FlowDriver.DisplayHex(r.Output.Txid) == deposit.Txid).Distinct().ToList();
            var rejection = Assert.Single(rejected);
            Assert.Equal(reason, rejection.Reason);
            Assert.Equal((ulong)RefundedDeposit, rejection.Amount);
            Assert.Equal(refundDestination, rejection.RefundDestination.ToByteArray());
        }
    }

    private static async Task AssertRefundedOnceAsync(FullRun run, byte[] origin)
    {
        // Bounded by the run's own blocks: the chaos run mines on the same node and pays the same destinations.
        await run.FinishedAsync();
        var payouts = await run.PayoutsAsync(run.EndHeight, Cancel);
        var refunds = payouts.Where(p => p.Transaction.Transaction.Outputs[p.Vout].ScriptPubKey.Span.SequenceEqual(origin)).ToList();
        var (refund, vout) = Assert.Single(refunds);
        var amount = refund.Transaction.Outputs[vout].Value;
        Assert.InRange(amount, RefundedDeposit - RefundFeeBound, RefundedDeposit);
    }
}
