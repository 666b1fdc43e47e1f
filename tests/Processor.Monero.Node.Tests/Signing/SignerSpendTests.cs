using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Monero.Addresses;
using Processor.Monero.Rpc;
using Processor.Monero.Testing;
using Processor.Monero.Transactions;
using Processor.Networks.Plugins;
using Processor.Networks.Plugins.Monero;
using Processor.Signer.Tests.Signing;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Monero.Node.Tests.Signing;

/// <summary>
/// The signer service's handlers (three validators, real Postgres) sign a Monero plan spending a real regtest output of
/// their group key, found by the plug-in's scanner, with rings the plug-in's preparer chose: monerod accepts and mines the
/// transaction, reports its key image spent, and the recipient's wallet sees the exact amount.
/// </summary>
public sealed class SignerSpendTests(RegtestFixture chain)
{
    private const ulong Deposit = 2_000_000_000_000;
    private const ulong Paid = 1_234_567_890_000;
    private const ulong Fee = 10_000_000_000;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanSpendingARegtestDeposit_SignedBySigners13ThroughTheHandlers_IsMined_SpendsItsKeyImage_AndPaysExactly()
    {
        await using var validators = await SigningValidators.StartAsync(network: MoneroPlugin.Name);
        var networkKey = validators.Keys.NetworkKey;
        await using var carol = await chain.Node.CreateWalletAsync("carol-signer", Cancel);
        var recipient = MoneroAddress.Parse(await carol.GetAddressAsync(Cancel));
        var (_, height) = await chain.PayAndMineAsync([(MoneroNetworkKey.Address(networkKey, OutputKind.External, MoneroNetwork.Mainnet).ToString(), Deposit)], Cancel);
        await chain.Node.MineAsync(MoneroPlugin.Confirmations, cancellationToken: Cancel);

        var plan = await PlanAsync(networkKey, height, recipient);
        var id = MoneroPlans.SignIdOf(plan);
        var preprocesses = await validators.RequestAsync(plan);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [1, 3]);
        var completion = (await validators.RelaySharesAsync(id, shares, [1, 3]))[3];
        var signed = Assert.Single(SigningValidators.Emitted(completion, TransactionSigned.Parser));
        var transaction = MoneroPlans.Verified(plan, MoneroPlanRings.Decode(plan.SigningData.Span), signed);

        var broadcast = await chain.Node.Rpc.SendRawTransactionAsync(signed.Transaction.ToByteArray(), Cancel);
        Assert.True(broadcast.IsSuccess, $"{broadcast.Outcome}: {broadcast.Reason} [{string.Join(", ", broadcast.Flags)}]");
        await chain.Node.MineUntilMinedAsync([Convert.ToHexStringLower(signed.Txid.Span)], cancellationToken: Cancel);
        var keyImage = ((KeyInput)transaction.Prefix.Inputs[0]).KeyImage.ToArray();
        Assert.Equal([MoneroKeyImageStatus.SpentInChain], await chain.Node.Rpc.GetKeyImageStatusAsync([keyImage], Cancel));
        await carol.RefreshAsync(Cancel);
        Assert.Equal(Paid, (await carol.GetBalanceAsync(Cancel)).Balance);
    }

    /// <summary>A plan spending the key's output in the block at <paramref name="height"/> (as the scanner reports it), rings chosen by the preparer.</summary>
    private async Task<PlanCreated> PlanAsync(byte[] networkKey, long height, MoneroAddress recipient)
    {
        var node = new MoneroNode(chain.Node.Rpc, MoneroChain.Regtest);
        var block = await node.GetBlockAsync((await node.GetBlockHeaderAsync(height, Cancel))!, Cancel);
        var output = Assert.Single(await new MoneroOutputScanner().ScanAsync(block, [networkKey], Cancel));
        var plan = new PlanCreated
        {
            Network = NetworkId.Monero,
            Session = 1,
            NetworkKey = ByteString.CopyFrom(networkKey),
            PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
            Inputs =
            {
                new PlanInput
                {
                    Id = new OutputId { Txid = ByteString.CopyFrom(output.Id.TransactionId), Vout = (uint)output.Id.Index },
                    Amount = output.Amount,
                    Script = ByteString.CopyFrom(output.LockingScript),
                    Kind = output.Kind.ToContract(),
                    SpendData = ByteString.CopyFrom(output.SpendData),
                },
            },
            Payments =
            {
                new PlanPayment
                {
                    Script = ByteString.CopyFrom([SeraiMoneroAddress.Standard, .. recipient.SpendKey.Encoding, .. recipient.ViewKey.Encoding]),
                    Amount = Paid,
                    Kind = PaymentKind.External,
                },
            },
            Change = new PlanChange { Script = ByteString.CopyFrom(new MoneroAddressScripts().OwnScript(networkKey, OutputKind.Change)), Amount = Deposit - Paid - Fee },
            Fee = Fee,
            ExternalBlockNumber = (ulong)height + MoneroPlugin.Confirmations,
        };
        var rings = await new MoneroPlanPreparer(chain.Node.Rpc).PrepareAsync(
            plan.PlanId.Memory, MoneroPlans.TransactionPlanOf(plan), (long)plan.ExternalBlockNumber, Cancel);
        MoneroPlans.WithRings(plan, MoneroPlanRings.Decode(rings));
        return plan;
    }
}
