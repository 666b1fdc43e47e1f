using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Ctl;
using Processor.Scheduler.Tests.Support;
using Processor.Testing;

namespace Processor.Scheduler.Tests;

/// <summary>Burns that can never be paid are reported to the coordinator and kept for operators, next to the plans and the queue.</summary>
public sealed class DroppedPaymentTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DustAndUnpayableBurns_AreDroppedAndReported_AndProcessorctlListsPlansQueueAndDrops()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var block = await bed.DepositAsync((long)PlannedBurn.Deposit);
        var paid = SchedulerTestBed.BurnToNewP2pkh(PlannedBurn.BurnAmount);
        var dust = SchedulerTestBed.BurnToNewP2pkh(5_000);
        // Variant 9 is no ExternalAddress of Bitcoin's.
        var unpayable = new Burn { Coin = Coin.Bitcoin, Amount = 20_000_000, Destination = ByteString.CopyFrom([9, 1, 2, 3]) };

        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock, [block], paid, dust, unpayable));

        var plan = await bed.Plans.WaitForAsync<PlanCreated>("the plan", _ => true, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        await bed.WaitUntilAsync("two PaymentDropped", () => Task.FromResult(bed.Events.All<PaymentDropped>().Count == 2));
        var drops = bed.Events.All<PaymentDropped>().OrderBy(d => d.BurnIndex).ToList();
        Assert.Equal([1u, 2u], drops.Select(d => d.BurnIndex));
        Assert.Equal([PaymentDropReason.Dust, PaymentDropReason.InvalidAddress], drops.Select(d => d.Reason));
        Assert.Equal([dust, unpayable], drops.Select(d => d.Burn));
        Assert.All(drops, d => Assert.Equal(PlannedBurn.SeraiBlock, d.SeraiBlockNumber));
        Assert.Equal([0u], plan.Payments.Where(p => p.Kind == PaymentKind.External).Select(p => p.BurnIndex));

        var plans = await CtlAsync(bed, "plans");
        Assert.Contains(Convert.ToHexStringLower(plan.PlanId.Span), plans, StringComparison.Ordinal);
        Assert.Contains("created", plans, StringComparison.Ordinal);
        var dropped = await CtlAsync(bed, "dropped");
        Assert.Contains("dust", dropped, StringComparison.Ordinal);
        Assert.Contains("invalid address", dropped, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexStringLower(dust.Destination.Span), dropped, StringComparison.Ordinal);
        Assert.Contains("is empty", await CtlAsync(bed, "queue"), StringComparison.Ordinal);
    }

    private static async Task<string> CtlAsync(SchedulerTestBed bed, string command)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(
            [command, "--schema", bed.Schema, "--postgres", PostgresServer.ConnectionString], output, error, _ => null, Cancel);
        Assert.True(exitCode == 0, $"processorctl {command} exited with {exitCode}: {error}");
        return output.ToString();
    }
}
