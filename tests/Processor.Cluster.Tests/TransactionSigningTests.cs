using Processor.Bitcoin.Addresses;
using Processor.Cluster.Tests.Support;
using Processor.Cluster.Testing;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Testing;

namespace Processor.Cluster.Tests;

/// <summary>A plan's transaction signed over Kafka by a threshold of the validators and accepted by litecoind.</summary>
[Collection(ThreeValidatorsDefinition.Name)]
public sealed class TransactionSigningTests(ThreeValidators cluster)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanSpendingDepositsOfAllFourKinds_SignedByTwoOfThree_LitecoindAcceptsAndMinesIt()
    {
        var keys = await cluster.SharedKeysAsync();
        var plan = await DepositPlans.FundAndPlanAsync(cluster.Node, keys.Session, keys.KeyPair.NetworkKey, AddressKinds.All, 1_000_000, Cancel);

        await EventProducer.PublishToEachAsync(
            cluster.Cluster.Validators.Select(v => v.Topics.SchedulerPlans), cluster.Cluster.Network, plan, Cancel);

        TransactionSigned? signed = null;
        await cluster.Cluster.WaitUntilAsync(
            "a signer's signed transaction",
            _ =>
            {
                signed = cluster.SignerSignatures.SelectMany(w => w.All<TransactionSigned>()).FirstOrDefault(s => s.PlanId.Equals(plan.PlanId));
                return Task.FromResult(signed is null ? Probe.NotYet("none yet") : Probe.Met("signed"));
            },
            ClusterUnderTest.CeremonyLimit,
            Cancel);
        Assert.NotNull(signed);
        Assert.Equal(plan.EventualityTxid, signed.Txid);
        var sharers = cluster.Events.Count(e => e.All<SignShare>().Any(s => s.Id.Kind == SignKind.Transaction && s.Id.Id.Equals(plan.PlanId)));
        Assert.Equal(2, sharers);

        var txid = (await cluster.Node.Rpc.CallAsync("sendrawtransaction", [Convert.ToHexStringLower(signed.Transaction.Span)], Cancel)).GetString()!;
        await cluster.Node.MineAsync(1, cancellationToken: Cancel);
        var mined = await cluster.Node.Rpc.CallAsync("getrawtransaction", [txid, true], Cancel);
        Assert.True(mined.GetProperty("confirmations").GetInt32() >= 1, $"{txid} is not in a block");
        Assert.Equal(4, mined.GetProperty("vin").GetArrayLength());
    }
}
