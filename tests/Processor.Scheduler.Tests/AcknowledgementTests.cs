using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Scheduler.Tests.Support;

namespace Processor.Scheduler.Tests;

/// <summary>An acknowledgement from the reporter becomes plans, announced to the coordinator before anything of them is signed.</summary>
public sealed class AcknowledgementTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Acknowledgement_IsAnnouncedBeforeItsPlans_WhichAreStoredAsCreated()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();

        var planned = await PlannedBurn.CreateAsync(bed);

        var plan = planned.Plan;
        Assert.Equal([plan.PlanId], planned.Acknowledged.PlanIds);
        Assert.Equal(PlannedBurn.SeraiBlock, plan.SeraiBlockNumber);
        // The acknowledgement requires the deposit's block: the plan is made there, so the scanner looks for it after it.
        Assert.Equal(planned.DepositHeight, plan.ExternalBlockNumber);
        Assert.Equal(bed.Key.NetworkKey, plan.NetworkKey.ToByteArray());
        var input = Assert.Single(plan.Inputs);
        Assert.Equal(PlannedBurn.Deposit, input.Amount);
        // Serai's scenario: the burn less the whole fee to its address, exactly 0.1 coin to the Change address.
        var payment = Assert.Single(plan.Payments);
        Assert.Equal(SchedulerTestBed.ScriptOf(planned.Burn), payment.Script.ToByteArray());
        Assert.Equal(PlannedBurn.BurnAmount - plan.Fee, payment.Amount);
        Assert.Equal(PaymentKind.External, payment.Kind);
        Assert.Equal(10_000_000ul, plan.Change.Amount);
        Assert.Equal(bed.Key.ScriptOf(AddressKind.Change), plan.Change.Script.ToByteArray());
        Assert.True(plan.Fee > 0);

        var created = await bed.Events.WaitForAsync<PlanStatus>(
            "PlanStatus CREATED", s => s.PlanId == plan.PlanId, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        Assert.Equal(PlanState.Created, created.State);
        Assert.Equal(plan.EventualityTxid, created.Txid);
        var events = bed.Events.Records;
        Assert.True(
            events.First(r => r.Is(SubstrateBlockAcknowledged.Descriptor)).Offset < events.First(r => r.Is(PlanStatus.Descriptor)).Offset,
            "the acknowledgement must reach the coordinator before the plan's status");
        // The outbox holds both topics in the order they were decided: the acknowledgement first.
        Assert.Equal(SubstrateBlockAcknowledged.Descriptor.FullName, await bed.QueryAsync<string>("SELECT event_type FROM {schema}.outbox ORDER BY id LIMIT 1"));
        Assert.Equal("created", await bed.PlanStateAsync(plan.PlanId));
        Assert.Equal(plan.ToByteArray(), await bed.QueryAsync<byte[]>(
            "SELECT plan_created FROM {schema}.plans WHERE plan_id = @planId", new { planId = plan.PlanId.ToByteArray() }));
    }

    [Fact]
    public async Task OutputSpendData_IsKeptWithThePool_AndReachesThePlansInputUnread()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        // The scheduler does not read spend data (a plug-in's bytes): arbitrary bytes must come back as they went in.
        byte[] spendData = [.. Enumerable.Range(0, 113).Select(i => (byte)(i * 7))];
        var pooled = await bed.DepositAsync((long)PlannedBurn.Deposit);
        pooled.Outputs[0].Outputs[0].SpendData = ByteString.CopyFrom(spendData);

        // Acknowledged without a burn, the output waits in the pool (in Postgres) for the next acknowledgement.
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(1, [pooled]));
        await bed.Events.WaitForAsync<SubstrateBlockAcknowledged>(
            "the first acknowledgement", a => a.SeraiBlockNumber == 1, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        var later = await bed.DepositAsync(1_000_000);
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(2, [later], SchedulerTestBed.BurnToNewP2pkh(PlannedBurn.BurnAmount)));
        var plan = await bed.Plans.WaitForAsync<PlanCreated>("the plan", _ => true, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);

        var input = Assert.Single(plan.Inputs);
        Assert.Equal(pooled.Outputs[0].Outputs[0].Id, input.Id);
        Assert.Equal(spendData, input.SpendData.ToByteArray());
    }

    [Fact]
    public async Task RedeliveredOrRepeatedAcknowledgement_CreatesNoSecondPlanOrEvent()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var block = await bed.DepositAsync((long)PlannedBurn.Deposit);
        var acknowledgement = SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock, [block], SchedulerTestBed.BurnToNewP2pkh(PlannedBurn.BurnAmount));

        var eventId = await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, acknowledgement);
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, acknowledgement, eventId);
        // The same Serai block again under another id (e.g. from a rebuilt reporter), then a marker that shows both were read.
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, acknowledgement);
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock + 1, [block]));

        await bed.Events.WaitForAsync<SubstrateBlockAcknowledged>(
            "the marker's acknowledgement", a => a.SeraiBlockNumber == PlannedBurn.SeraiBlock + 1, SchedulerTestBed.WaitLimit, Cancel,
            () => bed.SchedulerOutput);
        Assert.Single(bed.Events.All<SubstrateBlockAcknowledged>(), a => a.SeraiBlockNumber == PlannedBurn.SeraiBlock);
        Assert.Single(bed.Plans.All<PlanCreated>());
        Assert.Single(bed.Events.All<PlanStatus>());
        Assert.Equal(1, await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.plans"));
    }

    [Fact]
    public async Task FeeRateUnavailable_AcknowledgementWaitsForTheNode_ThenPlans()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var block = await bed.DepositAsync((long)PlannedBurn.Deposit);
        await bed.WaitUntilAsync("the key", async () => await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.keys") == 1);

        await bed.Node.StopAsync(Cancel);
        await bed.PublishAsync(
            bed.Topics.ReporterAcknowledgements,
            SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock, [block], SchedulerTestBed.BurnToNewP2pkh(PlannedBurn.BurnAmount)));
        await bed.WaitUntilAsync("a failed attempt at the fee rate", () => Task.FromResult(bed.SchedulerOutput.Contains("Transient failure", StringComparison.Ordinal)));
        Assert.Empty(bed.Events.All<SubstrateBlockAcknowledged>());
        await bed.Node.StartAgainAsync(Cancel);

        var acknowledged = await bed.Events.WaitForAsync<SubstrateBlockAcknowledged>(
            "the acknowledgement", _ => true, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        var plan = await bed.Plans.WaitForAsync<PlanCreated>("the plan", _ => true, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        Assert.Equal([plan.PlanId], acknowledged.PlanIds);
        Assert.Equal(0, await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.dead_letters"));
    }
}
