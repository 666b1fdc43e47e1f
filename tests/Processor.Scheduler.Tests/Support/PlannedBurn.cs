using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;

namespace Processor.Scheduler.Tests.Support;

/// <summary>Serai's scenario up to the plan: a deposit of 1.1 coin acknowledged with a burn of 1 coin to a P2PKH address.</summary>
public sealed record PlannedBurn(Burn Burn, PlanCreated Plan, SubstrateBlockAcknowledged Acknowledged, ulong DepositHeight)
{
    public const ulong Deposit = 110_000_000;
    public const ulong BurnAmount = 100_000_000;
    public const ulong SeraiBlock = 7;

    /// <summary>Runs it on <paramref name="bed"/> (whose scheduler runs and knows the key) and waits for the plan.</summary>
    public static async Task<PlannedBurn> CreateAsync(SchedulerTestBed bed)
    {
        ArgumentNullException.ThrowIfNull(bed);
        var block = await bed.DepositAsync((long)Deposit);
        var burn = SchedulerTestBed.BurnToNewP2pkh(BurnAmount);
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(SeraiBlock, [block], burn));
        var acknowledged = await bed.Events.WaitForAsync<SubstrateBlockAcknowledged>(
            "the acknowledgement", a => a.SeraiBlockNumber == SeraiBlock, SchedulerTestBed.WaitLimit, TestContext.Current.CancellationToken,
            () => bed.SchedulerOutput);
        var plan = await bed.Plans.WaitForAsync<PlanCreated>(
            "the plan", _ => true, SchedulerTestBed.WaitLimit, TestContext.Current.CancellationToken, () => bed.SchedulerOutput);
        return new PlannedBurn(burn, plan, acknowledged, block.Height);
    }
}
