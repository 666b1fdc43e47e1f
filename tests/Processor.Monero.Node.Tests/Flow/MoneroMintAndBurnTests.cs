using Processor.Cluster.Testing;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Sr25519;
using Processor.Monero.Addresses;
using Processor.Monero.RingCt;
using Processor.Monero.Rpc;
using Processor.Monero.Sending;
using Processor.Monero.Transactions;
using Processor.Networks.Plugins.Monero;
using Processor.Serai;
using Processor.Serai.Contracts;
using Processor.Monero.Node.Tests.Sending;
using Batch = Processor.Contracts.Coordinator.V1.Batch;
using Coin = Processor.Contracts.Common.V1.Coin;
using InInstruction = Processor.Serai.InInstruction;
using NetworkId = Processor.Contracts.Common.V1.NetworkId;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Monero.Node.Tests.Flow;

/// <summary>
/// Serai's full-stack scenario on Monero: three validators configured for Monero (their four services as processes, the
/// coordinator simulator on the embedded broker) against monerod regtest. Key generation makes the Monero key; a deposit of
/// 1.1 XMR carrying a transfer instruction becomes a Batch that two of them sign, with the instruction and the exact amount;
/// a burn of 1 XMR becomes one payout, signed with threshold CLSAG, mined, paying the burn less its fee.
/// </summary>
public sealed class MoneroMintAndBurnTests(RegtestFixture chain)
{
    private const ulong Funding = 5_000_000_000_000;
    private const ulong Deposit = 1_100_000_000_000; // 1.1 XMR, as Serai's scenario deposits 1.1 coins
    private const ulong BurnAmount = 1_000_000_000_000; // and burns 1
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(3);
    private static readonly SeraiAddress Recipient = new([.. Enumerable.Range(1, SeraiAddress.Size).Select(i => (byte)i)]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DepositThenBurn_ABatchCarryingTheInstructionAndAmount_ThenOnePayoutMinedPayingTheBurnLessItsFee()
    {
        var settings = new Dictionary<string, string>
        {
            ["Monero__Rpc__Url"] = chain.Node.RpcUrl.ToString(),
            ["Monero__Network__Name"] = "regtest",
            ["Scanner__PollInterval"] = "00:00:00.200",
        };
        await using var running = await RunningCluster.StartAsync(
            new ClusterSpec(3, 2, Settings: settings, Network: MoneroPlugin.Name, SeraiNetwork: NetworkId.Monero),
            [ServiceCatalog.Signer, ServiceCatalog.Scanner, ServiceCatalog.Reporter, ServiceCatalog.Scheduler],
            signingTimeout: TimeSpan.FromSeconds(20),
            Cancel);
        await running.WaitForIdentitiesAsync(StepLimit, Cancel);
        var keys = await running.GenerateConfirmedKeysAsync(0, StepLimit, Cancel);

        // The key is active from the first final block whose monotonic time reaches the key's Serai time: the deposit must come later.
        var activated = running.SignerKeys[0].All<Contracts.Signer.V1.KeyActivated>().Single(k => k.Session == 0);
        await MineUntilFinalAtOrAfterAsync(activated.ActivationTime.ToDateTimeOffset());

        var external = MoneroNetworkKey.Address(keys.KeyPair.NetworkKey.ToByteArray(), OutputKind.External, MoneroNetwork.Mainnet);
        var deposit = await DepositAsync(external, new Shorthand.Raw(new RefundableInInstruction(null, new InInstruction.Transfer(Recipient))).Encode());
        var depositHeight = (await chain.Node.MineUntilMinedAsync([Convert.ToHexStringLower(deposit.Hash())], cancellationToken: Cancel))[0];
        await chain.Node.MineAsync(MoneroPlugin.Confirmations - 1, cancellationToken: Cancel);
        var depositBlock = (await chain.Node.Rpc.GetBlockAsync(depositHeight, Cancel)).Hash;

        var included = await running.WaitForBatchIncludedAsync(0, StepLimit, Cancel);
        var batch = Assert.Single(included.Batches).Batch;
        Assert.Equal(NetworkId.Monero, batch.Network);
        Assert.Equal(depositBlock, Convert.ToHexStringLower(batch.ExternalBlockHash.Span));
        var instruction = Assert.Single(batch.Instructions);
        Assert.Equal(new InInstruction.Transfer(Recipient).Encode(), instruction.Instruction.ToByteArray());
        Assert.Equal((Coin.Monero, Deposit), (instruction.Coin, instruction.Amount));

        // Every validator built the same Batch; each SignedBatch verifies under the session's substrate key.
        Assert.All(running.Events, events => Assert.Equal(batch, Assert.Single(events.All<Batch>().Where(b => b.Id == 0).Distinct())));
        var signed = running.Events.SelectMany(e => e.All<SignedBatch>()).Where(s => s.Batch.Id == 0).ToList();
        Assert.NotEmpty(signed);
        Assert.All(signed, s => Assert.True(
            Sr25519.Verify(keys.KeyPair.SubstrateKey.Span, BatchMessage.Of(ContractBatches.ToSerai(s.Batch)), s.Signature.Span),
            "a SignedBatch does not verify under the substrate key"));

        // A burn of 1 XMR to a fresh wallet: every scheduler plans it from the deposit (rings chosen at the required block), two
        // signers sign it with threshold CLSAG, monerod accepts and mines it, and the wallet receives exactly the burn less the
        // plan's fee; the 0.1 XMR left goes to the key's Change address.
        await using var recipient = await chain.Node.CreateWalletAsync("payout-recipient", Cancel);
        var paid = MoneroAddress.Parse(await recipient.GetAddressAsync(Cancel));
        var burnBlock = await running.Simulation.BurnAsync(
            [new Burn { Coin = Coin.Monero, Amount = BurnAmount, Destination = ByteString.CopyFrom([SeraiMoneroAddress.Standard, .. paid.SpendKey.Encoding, .. paid.ViewKey.Encoding]) }],
            Cancel);
        var plans = await Task.WhenAll(running.Plans.Select(p => p.WaitForAsync<PlanCreated>(
            "the plan paying the burn", c => c.SeraiBlockNumber == burnBlock.Number, StepLimit, Cancel, running.Diagnostics)));
        var plan = plans[0];
        Assert.All(plans, p => Assert.Equal(plan, p));
        var payment = Assert.Single(plan.Payments);
        Assert.Equal(BurnAmount - plan.Fee, payment.Amount);
        Assert.Equal(Deposit - BurnAmount, plan.Change.Amount);

        // Only the validators of the signing set sign, so only their schedulers publish.
        PlanStatus? published = null;
        await running.Cluster.WaitUntilAsync(
            "the payout published by a validator of the signing set",
            _ =>
            {
                published = running.Events.SelectMany(e => e.All<PlanStatus>()).FirstOrDefault(s => s.PlanId == plan.PlanId && s.State == PlanState.Published);
                return Task.FromResult(published is null ? Probe.NotYet("not published yet") : Probe.Met("published"));
            },
            StepLimit,
            Cancel);
        var txid = Convert.ToHexStringLower(published!.Txid.Span);
        await chain.Node.MineUntilMinedAsync([txid], cancellationToken: Cancel);
        await chain.Node.MineAsync(MoneroPlugin.Confirmations - 1, cancellationToken: Cancel);
        await Task.WhenAll(running.Events.Select(e => e.WaitForAsync<PlanCompleted>(
            "the payout completed", c => c.PlanId == plan.PlanId, StepLimit, Cancel, running.Diagnostics)));
        await recipient.RefreshAsync(Cancel);
        Assert.Equal(payment.Amount, (await recipient.GetBalanceAsync(Cancel)).Balance);
    }

    /// <summary>A deposit of <see cref="Deposit"/> to <paramref name="address"/> with <paramref name="data"/> in its extra, built and signed by the library (wallet-rpc cannot attach data).</summary>
    private async Task<MoneroTransaction> DepositAsync(MoneroAddress address, byte[] data)
    {
        using var wallet = new LibraryWallet(chain);
        var (output, _) = await wallet.FundAsync(Funding, Cancel);
        var rpc = chain.Node.Rpc;
        var tip = (await rpc.GetInfoAsync(Cancel)).TipHeight;
        var rings = await DecoySelector.SelectAsync(new MonerodDecoySource(rpc), Seed(1), tip, [output], Cancel);
        var estimate = await rpc.GetFeeEstimateAsync(Cancel);
        var unsigned = TransactionBuilder.Build(new TransactionRequest(
            Seed(2), [(output, rings[0])], [new Payment(address, Deposit)], wallet.Address, [data], new FeeRate(estimate.FeePerWeight, estimate.QuantizationMask)));
        var transaction = SingleKeySigner.Sign(unsigned, wallet.SpendSecret, ClsagSigner.SystemRandom);
        var broadcast = await rpc.SendRawTransactionAsync(transaction.Serialize(), Cancel);
        Assert.True(broadcast.IsSuccess, $"{broadcast.Outcome}: {broadcast.Reason}");
        return transaction;
    }

    /// <summary>Mines until the newest final block's monotonic time (Serai's Monero block time) is at or after <paramref name="time"/>.</summary>
    private async Task MineUntilFinalAtOrAfterAsync(DateTimeOffset time)
    {
        var rpc = chain.Node.Rpc;
        for (var round = 0; ; round++)
        {
            var final = (await rpc.GetInfoAsync(Cancel)).TipHeight - (MoneroPlugin.Confirmations - 1);
            var timestamps = await rpc.GetBlockTimestampsAsync(Math.Max(0, final - MoneroBlockTime.Window + 1), final, Cancel);
            if (MoneroBlockTime.Monotonic(final, timestamps) >= time)
            {
                return;
            }

            Assert.True(round < 20, $"After 20 rounds of mining, the final block {final} is still timed before {time:O}.");
            await chain.Node.MineAsync(MoneroPlugin.Confirmations, cancellationToken: Cancel);
        }
    }

    private static byte[] Seed(byte label) => Enumerable.Repeat(label, 32).ToArray();
}
