using Google.Protobuf;
using Processor.Bitcoin.Hashing;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Scheduler.Tests.Support;

namespace Processor.Scheduler.Tests;

/// <summary>More burns than one transaction can pay fan out through a Branch output, whose arrival (acknowledged later) pays the rest.</summary>
public sealed class FanOutTests
{
    private const int Burns = 600;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BurnsBeyondOneTransaction_ArePaidFromTheBranchOutput_WhenALaterAcknowledgementBringsIt()
    {
        await using var bed = await SchedulerTestBed.StartAsync();
        bed.StartScheduler();
        await bed.PublishKeyAsync();
        var deposit = await bed.DepositAsync((long)PlannedBurn.Deposit);
        var burns = Enumerable.Range(0, Burns).Select(_ => SchedulerTestBed.BurnToNewP2pkh(100_000)).ToArray();

        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock, [deposit], burns));
        var root = await bed.Plans.WaitForAsync<PlanCreated>("the root plan", _ => true, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        var branch = Assert.Single(root.Payments, p => p.Kind == PaymentKind.Branch);
        Assert.Equal("created", await bed.PlanStateAsync(root.PlanId));
        Assert.True(await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.branch_payments") > 0);

        // The root transaction is signed, published and mined; the scanner reports its Branch and Change outputs and Serai
        // acknowledges that block.
        await bed.PublishAsync(bed.Topics.SignerSignatures, bed.Key.Sign(root));
        await bed.WaitUntilAsync("the root transaction in the mempool", () => bed.InMempoolAsync(root.EventualityTxid));
        var hash = (await bed.Node.MineAsync(1, cancellationToken: Cancel))[0];
        var ownOutputs = new KeyOutputs { Session = SchedulerTestBed.Session, NetworkKey = ByteString.CopyFrom(bed.Key.NetworkKey) };
        ownOutputs.Outputs.Add(OwnOutput(root, root.Payments.IndexOf(branch), branch.Amount, branch.Script, OutputKind.Branch));
        ownOutputs.Outputs.Add(OwnOutput(root, root.Payments.Count, root.Change.Amount, root.Change.Script, OutputKind.Change));
        var block = new AcknowledgedBlock
        {
            Height = (ulong)await bed.Node.GetHeightAsync(Cancel),
            Hash = ByteString.CopyFrom(Hash256.Parse(hash).ToArray()),
            Outputs = { ownOutputs },
        };
        await bed.PublishAsync(bed.Topics.ReporterAcknowledgements, SchedulerTestBed.Acknowledgement(PlannedBurn.SeraiBlock + 1, [block]));

        var acknowledged = await bed.Events.WaitForAsync<SubstrateBlockAcknowledged>(
            "the second acknowledgement", a => a.SeraiBlockNumber == PlannedBurn.SeraiBlock + 1, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        var child = await bed.Plans.WaitForAsync<PlanCreated>(
            "the branch's plan", p => p.PlanId != root.PlanId, SchedulerTestBed.WaitLimit, Cancel, () => bed.SchedulerOutput);
        Assert.Equal([child.PlanId], acknowledged.PlanIds);
        var input = Assert.Single(child.Inputs);
        Assert.Equal(root.EventualityTxid, input.Id.Txid);
        Assert.Equal(OutputKind.Branch, input.Kind);
        // Every burn is paid exactly once, by one plan or the other, to its own script.
        var paid = root.Payments.Concat(child.Payments).Where(p => p.Kind == PaymentKind.External).ToList();
        Assert.Equal(Enumerable.Range(0, Burns).Select(i => (uint)i), paid.Select(p => p.BurnIndex).Order());
        Assert.All(paid, p => Assert.Equal(SchedulerTestBed.ScriptOf(burns[p.BurnIndex]), p.Script.ToByteArray()));
        Assert.Equal(0, await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.branch_payments"));
        Assert.Equal(1, await bed.QueryAsync<int>("SELECT count(*)::int FROM {schema}.utxos WHERE kind = @kind", new { kind = (short)OutputKind.Change }));
    }

    private static Output OwnOutput(PlanCreated plan, int vout, ulong amount, ByteString script, OutputKind kind) => new()
    {
        Id = new OutputId { Txid = plan.EventualityTxid, Vout = (uint)vout },
        Kind = kind,
        Coin = Coin.Bitcoin,
        Amount = amount,
        Script = script,
    };
}
