using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Networks;
using Processor.Networks.Plugins;
using Processor.Networks.Plugins.Monero;
using Processor.Scheduler;
using Processor.Testing;
using OutputKind = Processor.Networks.OutputKind;
using PlannedOutput = Processor.Networks.PlannedOutput;

namespace Processor.Monero.Node.Tests.Scheduling;

/// <summary>
/// The scheduler, configured for Monero, plans against monerod regtest: its <c>PlanCreated</c> carries rings chosen from the
/// chain, and the transaction the signers build from them completes the plan's eventuality, is accepted by monerod, and is
/// found by the scanner's eventuality matching. The scheduler's handlers run in-process on real Postgres.
/// </summary>
public sealed class MoneroSchedulingTests(RegtestFixture regtest)
{
    private const uint Session = 1;
    private const ulong Deposit = 3_000_000_000_000;
    private const ulong BurnAmount = 1_000_000_000_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AcknowledgedBurn_IsPlannedWithRings_WhoseTransactionCompletesThePlansEventuality_OnChain()
    {
        using var spendSecret = MoneroScalars.Reduce(System.Security.Cryptography.RandomNumberGenerator.GetBytes(64));
        var groupKey = EdwardsPoint.MultiplyBase(spendSecret).ToArray();
        var node = regtest.Node;
        var chain = new MoneroNode(node.Rpc, MoneroChain.Regtest);
        var (_, depositHeight) = await regtest.PayAndMineAsync(
            [(MoneroNetworkKey.Address(groupKey, OutputKind.External, MoneroNetwork.Mainnet).ToString(), Deposit)], Cancel);
        await node.MineAsync(MoneroPlugin.Confirmations + 20, cancellationToken: Cancel);
        var depositBlock = await chain.GetBlockAsync((await chain.GetBlockHeaderAsync(depositHeight, Cancel))!, Cancel);
        var deposit = Assert.Single(await new MoneroOutputScanner().ScanAsync(depositBlock, [groupKey], Cancel));
        var required = (await chain.GetBlockHeaderAsync(depositHeight + MoneroPlugin.Confirmations + 10, Cancel))!;
        var recipient = MoneroAddress.Parse(await regtest.Bob.GetAddressAsync(Cancel));
        await using var scheduler = await StartSchedulerAsync();
        await scheduler.DeliverAsync(KeyActivation(groupKey), Cancel);

        var invocation = await scheduler.DeliverAsync(Acknowledgement(groupKey, depositBlock, deposit, required, recipient), Cancel);

        Assert.Null(invocation.ParkReason);
        var created = invocation.Emitted.Single(e => e.EventType == PlanCreated.Descriptor.FullName);
        var plan = PlanCreated.Parser.ParseFrom(created.Payload);
        Assert.Equal((ulong)required.Height, plan.ExternalBlockNumber);
        var rings = MoneroPlanRings.Decode(plan.SigningData.Span);
        var ring = Assert.Single(rings);
        Assert.Equal(DecoySelector.RingSize, ring.Members.Count);
        var unsigned = MoneroPlanTransactions.Build(plan.PlanId.Span, TransactionPlanOf(plan), rings);
        Assert.Equal(plan.EventualityTxid.ToByteArray(), unsigned.Eventuality.Serialize());
        var status = PlanStatus(invocation);
        Assert.True(status.Txid.IsEmpty, "a Monero plan's transaction id is unknown until it is signed");

        var signed = SingleKeySigner.Sign(unsigned, spendSecret, ClsagSigner.SystemRandom);
        Assert.Equal(signed.Hash(), new MoneroEventualities().CompletingTransactionId(plan.EventualityTxid.Span, signed.Serialize()));
        await chain.PublishTransactionAsync(signed.Serialize(), Cancel);
        var minedHeight = (await node.MineUntilMinedAsync([Convert.ToHexStringLower(signed.Hash())], cancellationToken: Cancel))[0];
        var minedBlock = await chain.GetBlockAsync((await chain.GetBlockHeaderAsync(minedHeight, Cancel))!, Cancel);
        var completion = Assert.Single(new MoneroEventualities().FindCompletions(minedBlock, [plan.EventualityTxid.ToByteArray()]));
        Assert.Equal(signed.Hash(), completion.TransactionId);
    }

    private static Contracts.Coordinator.V1.PlanStatus PlanStatus(Messaging.Consuming.HandlerInvocation invocation) =>
        Contracts.Coordinator.V1.PlanStatus.Parser.ParseFrom(
            invocation.Emitted.Single(e => e.EventType == Contracts.Coordinator.V1.PlanStatus.Descriptor.FullName).Payload);

    /// <summary>The scheduler as its Program registers it, configured for Monero on the fixture's node.</summary>
    private Task<HandlerTestBed> StartSchedulerAsync() => HandlerTestBed.StartAsync(
        builder => builder.AddScheduler(),
        new Dictionary<string, string?>
        {
            ["Processor:Network"] = "monero-" + Guid.NewGuid().ToString("N")[..8],
            ["Monero:Rpc:Url"] = regtest.Node.RpcUrl.ToString(),
            ["Monero:Rpc:RequestTimeout"] = "00:02:00",
            ["Monero:Network:Name"] = MoneroChain.Regtest.Name,
        },
        Cancel);

    private static KeyActivated KeyActivation(byte[] groupKey) => new()
    {
        Network = NetworkId.Monero,
        Session = Session,
        KeyPair = new KeyPair { SubstrateKey = ByteString.CopyFrom(new byte[32]), NetworkKey = ByteString.CopyFrom(groupKey) },
        ActivationTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
    };

    /// <summary>Serai block 1 acknowledging the deposit's block and burning to <paramref name="recipient"/>, requiring <paramref name="required"/>.</summary>
    private static OutputsAcknowledged Acknowledgement(
        byte[] groupKey, NetworkBlock depositBlock, ReceivedOutput deposit, ChainBlock required, MoneroAddress recipient) => new()
    {
        Network = NetworkId.Monero,
        SeraiBlockNumber = 1,
        SeraiTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds(1)),
        BatchIds = { 0 },
        Blocks =
        {
            new AcknowledgedBlock
            {
                Height = (ulong)depositBlock.Header.Height,
                Hash = ByteString.CopyFrom(depositBlock.Header.Id),
                Outputs =
                {
                    new KeyOutputs
                    {
                        Session = Session,
                        NetworkKey = ByteString.CopyFrom(groupKey),
                        Outputs =
                        {
                            new Output
                            {
                                Id = new OutputId { Txid = ByteString.CopyFrom(deposit.Id.TransactionId), Vout = (uint)deposit.Id.Index },
                                Kind = ContractOutputKinds.ToContract(deposit.Kind),
                                Coin = Coin.Monero,
                                Amount = deposit.Amount,
                                Script = ByteString.CopyFrom(deposit.LockingScript),
                                SpendData = ByteString.CopyFrom(deposit.SpendData),
                            },
                        },
                    },
                },
            },
        },
        Burns =
        {
            new Burn
            {
                Coin = Coin.Monero,
                Amount = BurnAmount,
                Destination = ByteString.CopyFrom([SeraiMoneroAddress.Standard, .. recipient.SpendKey.Encoding, .. recipient.ViewKey.Encoding]),
            },
        },
        RequiredBlockHeight = (ulong)required.Height,
        RequiredBlockHash = ByteString.CopyFrom(required.Id),
    };

    /// <summary>The plan as the signers read it from <c>PlanCreated</c>.</summary>
    private static TransactionPlan TransactionPlanOf(PlanCreated plan) => new(
        plan.NetworkKey.ToByteArray(),
        [.. plan.Inputs.Select(i => new PlannedInput(
            new OutputReference(i.Id.Txid.ToByteArray(), (int)i.Id.Vout), i.Amount, i.Script.ToByteArray(), ContractOutputKinds.FromContract(i.Kind))
        {
            SpendData = i.SpendData.ToByteArray(),
        })],
        [.. plan.Payments.Select(p => new PlannedOutput(p.Script.ToByteArray(), p.Amount))],
        plan.Change is null ? null : new PlannedOutput(plan.Change.Script.ToByteArray(), plan.Change.Amount));
}
