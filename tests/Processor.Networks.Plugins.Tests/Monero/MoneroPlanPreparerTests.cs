using System.Security.Cryptography;
using Processor.Monero.Addresses;
using Processor.Monero.Testing;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>
/// A plan's rings, chosen by the scheduler against monerod regtest: the same bytes at every validator for the same plan
/// and block (whatever the tip), each ring holding its input's output.
/// </summary>
public sealed class MoneroPlanPreparerTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoIndependentPreparations_OfOnePlanAtOneBlock_AreByteIdentical_AndRingTheRealOutput()
    {
        await using var node = await MonerodNode.StartAsync(Cancel);
        await using var wallet = await node.CreateWalletAsync("payer", Cancel);
        await wallet.FundAsync(Cancel);
        var groupKey = MoneroNetworkKeyTests.NewGroupKey();
        var change = MoneroNetworkKey.Address(groupKey, OutputKind.Change, MoneroNetwork.Mainnet).ToString();
        var (txHash, _) = await wallet.TransferAsync([(change, 300_000_000_000)], Cancel);
        var depositHeight = (await node.MineUntilMinedAsync([txHash], cancellationToken: Cancel))[0];
        await node.MineAsync(MoneroPlugin.Confirmations + 30, cancellationToken: Cancel);
        var plan = await PlanSpendingAsync(node, groupKey, depositHeight);
        var planId = RandomNumberGenerator.GetBytes(32);
        var planBlock = depositHeight + MoneroPlugin.Confirmations + 20;

        var first = await new MoneroPlanPreparer(node.Rpc).PrepareAsync(planId, plan, planBlock, Cancel);
        await node.MineAsync(5, cancellationToken: Cancel);
        var second = await new MoneroPlanPreparer(node.Rpc).PrepareAsync(planId, plan, planBlock, Cancel);
        var otherPlan = await new MoneroPlanPreparer(node.Rpc).PrepareAsync(RandomNumberGenerator.GetBytes(32), plan, planBlock, Cancel);

        Assert.Equal(first, second);
        Assert.NotEqual(first, otherPlan);
        var ring = Assert.Single(MoneroPlanRings.Decode(first));
        var spent = MoneroPlanPreparer.SpendableOutputOf(Assert.Single(plan.Inputs));
        Assert.Equal(16, ring.Members.Count);
        Assert.Equal(spent.GlobalIndex, ring.GlobalIndices[ring.RealIndex]);
        Assert.Equal((spent.Key, spent.Commitment), (ring.Members[ring.RealIndex].Key, ring.Members[ring.RealIndex].Commitment));
        Assert.Equal(MoneroPlanRings.Encode(MoneroPlanRings.Decode(first)), first);
    }

    [Fact]
    public async Task InputWithoutMoneroSpendData_IsAnInvalidPlan()
    {
        var plan = new TransactionPlan(
            MoneroNetworkKeyTests.NewGroupKey(), [new PlannedInput(new OutputReference(new byte[32], 0), 1, [], OutputKind.Change)], [], null);

        await Assert.ThrowsAsync<InvalidPlanException>(() => new MoneroPlanPreparer(null!).PrepareAsync(new byte[32], plan, 100, Cancel));
    }

    /// <summary>A plan spending the key's output of the block at <paramref name="height"/>, as the scanner reported it.</summary>
    private static async Task<TransactionPlan> PlanSpendingAsync(MonerodNode node, byte[] groupKey, long height)
    {
        var chain = new MoneroNode(node.Rpc, MoneroChain.Regtest);
        var block = await chain.GetBlockAsync((await chain.GetBlockHeaderAsync(height, Cancel))!, Cancel);
        var output = Assert.Single(await new MoneroOutputScanner().ScanAsync(block, [groupKey], Cancel));
        return new TransactionPlan(
            groupKey,
            [new PlannedInput(output.Id, output.Amount, output.LockingScript, output.Kind) { SpendData = output.SpendData }],
            [new PlannedOutput(output.LockingScript, output.Amount / 2)],
            null);
    }
}
