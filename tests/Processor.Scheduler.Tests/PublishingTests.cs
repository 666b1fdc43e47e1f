using Processor.Bitcoin.Hashing;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Scheduler.Tests.Support;

namespace Processor.Scheduler.Tests;

/// <summary>A signed plan transaction reaches the chain: published, re-broadcast while the node has lost it, completed once.</summary>
public sealed class PublishingTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignedTransaction_IsPublishedAndMined_AndItsCompletionReportedOnce()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var plan = (await PlannedBurn.CreateAsync(bed)).Plan;

        await bed.PublishAsync(bed.Topics.SignerSignatures, bed.Key.Sign(plan));

        await WaitForStatusAsync(bed, plan.PlanId, PlanState.Published);
        Assert.True(await bed.InMempoolAsync(plan.EventualityTxid));
        var block = (await bed.Node.MineAsync(1, cancellationToken: Cancel))[0];
        var mined = await bed.Node.Rpc.CallAsync("getrawtransaction", [new Hash256(plan.EventualityTxid.Span).ToString(), true], Cancel);
        Assert.Equal(block, mined.GetProperty("blockhash").GetString());

        // The scanner reports the block once it is final; a rescan or a replay reports it again.
        var completing = SchedulerTestBed.BlockCompleting(plan, (ulong)await bed.Node.GetHeightAsync(Cancel), Hash256.Parse(block).ToArray());
        var eventId = await bed.PublishAsync(bed.Topics.ScannerBlocks, completing);
        await bed.PublishAsync(bed.Topics.ScannerBlocks, completing, eventId);
        await bed.PublishAsync(bed.Topics.ScannerBlocks, completing);
        await bed.WaitUntilAsync("the scanner's blocks read", async () =>
            await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.inbox WHERE topic = @topic", new { topic = bed.Topics.ScannerBlocks }) == 2);

        var completed = await bed.Events.WaitForAsync<PlanCompleted>(
            "PlanCompleted", c => c.PlanId == plan.PlanId, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        Assert.Equal(plan.EventualityTxid, completed.Txid);
        Assert.Equal(completing.Height, completed.ExternalBlockNumber);
        Assert.Single(bed.Events.All<PlanCompleted>());
        Assert.Equal(
            [PlanState.Created, PlanState.Signed, PlanState.Published],
            bed.Events.All<PlanStatus>().Where(s => s.PlanId == plan.PlanId).Select(s => s.State));
        Assert.Equal("completed", await bed.PlanStateAsync(plan.PlanId));
    }

    [Fact]
    public async Task TransactionTheNodeDropped_IsBroadcastAgain_UntilItsPlanCompletes()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var plan = (await PlannedBurn.CreateAsync(bed)).Plan;
        await bed.PublishAsync(bed.Topics.SignerSignatures, bed.Key.Sign(plan));
        await WaitForStatusAsync(bed, plan.PlanId, PlanState.Published);

        // A node restarted without its mempool has forgotten the transaction (the scheduler, frozen meanwhile, could not tell it again).
        bed.SuspendScheduler();
        await bed.Node.StopAsync(Cancel);
        await bed.Node.StartAgainAsync(Cancel);
        Assert.False(await bed.InMempoolAsync(plan.EventualityTxid));
        bed.ResumeScheduler();

        await bed.WaitUntilAsync("the transaction back in the mempool", () => bed.InMempoolAsync(plan.EventualityTxid));
        var block = (await bed.Node.MineAsync(1, cancellationToken: Cancel))[0];
        await bed.PublishAsync(
            bed.Topics.ScannerBlocks, SchedulerTestBed.BlockCompleting(plan, (ulong)await bed.Node.GetHeightAsync(Cancel), Hash256.Parse(block).ToArray()));
        await bed.Events.WaitForAsync<PlanCompleted>("PlanCompleted", c => c.PlanId == plan.PlanId, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);

        Assert.True(await bed.QueryAsync<int>("SELECT broadcasts FROM {schema}.plans") >= 2);
        Assert.Null(await bed.QueryAsync<DateTime?>("SELECT next_broadcast_at FROM {schema}.plans"));
        Assert.Single(bed.Events.All<PlanStatus>(), s => s.State == PlanState.Published);
    }

    [Fact]
    public async Task SchedulerKilledBeforePublishingAStoredTransaction_PublishesItAfterRestart()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var plan = (await PlannedBurn.CreateAsync(bed)).Plan;

        // With the node down, the signed transaction is stored but cannot be published; then the scheduler dies.
        await bed.Node.StopAsync(Cancel);
        await bed.PublishAsync(bed.Topics.SignerSignatures, bed.Key.Sign(plan));
        await WaitForStatusAsync(bed, plan.PlanId, PlanState.Signed);
        Assert.Equal("signed", await bed.PlanStateAsync(plan.PlanId));
        bed.KillScheduler();
        await bed.Node.StartAgainAsync(Cancel);
        Assert.False(await bed.InMempoolAsync(plan.EventualityTxid));

        bed.StartScheduler();

        await WaitForStatusAsync(bed, plan.PlanId, PlanState.Published);
        Assert.True(await bed.InMempoolAsync(plan.EventualityTxid));
        Assert.Single(bed.Events.All<PlanStatus>(), s => s.State == PlanState.Signed);
        Assert.Equal("published", await bed.PlanStateAsync(plan.PlanId));
    }

    [Fact]
    public async Task SignatureReadAfterItsPlanCompleted_IsKept_AndThePlanStaysCompletedUnbroadcast()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var plan = (await PlannedBurn.CreateAsync(bed)).Plan;

        // A rebuild reads the scanner's blocks before the signer's signatures: the plan completes first.
        await bed.PublishAsync(bed.Topics.ScannerBlocks, SchedulerTestBed.BlockCompleting(plan, 500, new byte[32]));
        await bed.Events.WaitForAsync<PlanCompleted>("PlanCompleted", c => c.PlanId == plan.PlanId, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        await bed.PublishAsync(bed.Topics.SignerSignatures, bed.Key.Sign(plan));
        await bed.WaitUntilAsync("the signed transaction stored", async () =>
            await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.signed_transactions") == 1);

        Assert.Equal("completed", await bed.PlanStateAsync(plan.PlanId));
        Assert.Null(await bed.QueryAsync<DateTime?>("SELECT next_broadcast_at FROM {schema}.plans"));
        Assert.DoesNotContain(bed.Events.All<PlanStatus>(), s => s.State == PlanState.Signed);
        Assert.False(await bed.InMempoolAsync(plan.EventualityTxid));
    }

    private static Task<PlanStatus> WaitForStatusAsync(SchedulerTestBed bed, Google.Protobuf.ByteString planId, PlanState state) =>
        bed.Events.WaitForAsync<PlanStatus>($"PlanStatus {state}", s => s.PlanId == planId && s.State == state, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
}
