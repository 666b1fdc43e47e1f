using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using OutputKind = Processor.Contracts.Common.V1.OutputKind;

namespace Processor.Signer.Tests.Signing;

/// <summary>A plan's transaction is signed input by input (BIP340 FROST with each input's key offset) and the node takes it.</summary>
public sealed class TransactionSigningTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PlanSpendingOutputsOfAllFourKinds_SignedByTwoOfThree_IsAcceptedAndMinedByLitecoind()
    {
        await using var validators = await SigningValidators.StartAsync(threshold: 2, participants: 3);
        var networkKey = validators.Keys.NetworkKey;
        var plan = new PlanCreated
        {
            Network = NetworkId.Bitcoin,
            Session = validators.Keys.Session,
            NetworkKey = ByteString.CopyFrom(networkKey),
            PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
        };
        foreach (var kind in AddressKinds.All)
        {
            plan.Inputs.Add(await DepositAsync(networkKey, kind, 100_000 + 1_000 * (int)kind));
        }

        var payTo = BitcoinAddress.ToScriptPubKey(await chain.Node.GetNewAddressAsync(Cancel), RegtestChain.Network);
        plan.Payments.Add(new PlanPayment { Script = ByteString.CopyFrom(payTo), Amount = 150_000, Kind = PaymentKind.External });
        plan.Fee = 20_000;
        plan.Change = new PlanChange
        {
            Script = ByteString.CopyFrom(AddressKinds.ScriptPubKey(networkKey, AddressKind.Change)),
            Amount = plan.Inputs.Aggregate(0UL, (sum, i) => sum + i.Amount) - 150_000 - plan.Fee,
        };
        plan.EventualityTxid = ByteString.CopyFrom(TxidAsTheSchedulerBuildsIt(plan));
        var id = new SignId { Session = plan.Session, Kind = SignKind.Transaction, Id = plan.PlanId, Attempt = 0 };

        var preprocesses = await validators.RequestAsync(plan);
        var shares = await validators.RelayPreprocessesAsync(id, preprocesses, [2, 3]);
        var completions = await validators.RelaySharesAsync(id, shares, [2, 3]);

        Assert.All(preprocesses.Values, p => Assert.Equal(4, p.Preprocesses.Count));
        var signed = Assert.Single(SigningValidators.Emitted(completions[2], TransactionSigned.Parser));
        Assert.Equal(plan.EventualityTxid, signed.Txid);
        Assert.Equal(signed, Assert.Single(SigningValidators.Emitted(completions[3], TransactionSigned.Parser)));
        var sent = (await chain.Node.Rpc.CallAsync("sendrawtransaction", [Convert.ToHexStringLower(signed.Transaction.Span)], Cancel)).GetString()!;
        var block = await chain.MineBlockWithAsync(sent, Cancel);
        Assert.Contains(block.Transactions, t => t.Txid.ToArray().AsSpan().SequenceEqual(plan.EventualityTxid.Span));
    }

    private async Task<PlanInput> DepositAsync(byte[] networkKey, AddressKind kind, long satoshis)
    {
        var script = AddressKinds.ScriptPubKey(networkKey, kind);
        var txid = await chain.Node.SendAsync(AddressKinds.Address(networkKey, kind, RegtestChain.Network), satoshis, null, Cancel);
        var deposit = (await chain.MineBlockWithAsync(txid, Cancel)).Transactions.Single(t => t.Txid.ToString() == txid);
        var vout = deposit.Outputs.ToList().FindIndex(o => o.ScriptPubKey.Span.SequenceEqual(script));
        return new PlanInput
        {
            Id = new OutputId { Txid = ByteString.CopyFrom(deposit.Txid.ToArray()), Vout = (uint)vout },
            Amount = (ulong)satoshis,
            Script = ByteString.CopyFrom(script),
            Kind = (OutputKind)((int)kind + 1),
        };
    }

    // Version 2, lock time 0, final inputs, payments then change: the canonical transaction of a plan.
    private static byte[] TxidAsTheSchedulerBuildsIt(PlanCreated plan) => Transaction.Create(
        2,
        [.. plan.Inputs.Select(i => new TxIn(
            new OutPoint(new Processor.Bitcoin.Hashing.Hash256(i.Id.Txid.Span), i.Id.Vout), ReadOnlyMemory<byte>.Empty, TxIn.FinalSequence, Witness.Empty))],
        [.. plan.Payments.Select(p => new TxOut((long)p.Amount, p.Script.ToByteArray())), new TxOut((long)plan.Change.Amount, plan.Change.Script.ToByteArray())],
        0).Txid.ToArray();
}

/// <summary>A plan the signer cannot sign as it is is refused as poison, saying why.</summary>
public sealed class RefusedPlanTests
{
    [Fact]
    public async Task PlanWhoseTransactionIsNotItsEventuality_IsPoison_AndNothingIsPreprocessed()
    {
        await using var validators = await SigningValidators.StartAsync();
        var plan = OneInputPlan(validators.Keys.NetworkKey);
        plan.EventualityTxid = ByteString.CopyFrom(new byte[32]);

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => validators.DeliverAsync(1, plan));

        Assert.Contains("not the plan's eventuality", poison.Message, StringComparison.Ordinal);
        Assert.Empty(await AttemptRulesTests.AttemptStatesAsync(validators.Bed(1)));
    }

    [Fact]
    public async Task PlanForAnotherNetworkKey_IsPoison()
    {
        await using var validators = await SigningValidators.StartAsync();
        var other = new DealtSessionKeys(session: 1, threshold: 2, participants: 3);
        var plan = OneInputPlan(other.NetworkKey);

        var poison = await Assert.ThrowsAsync<PoisonMessageException>(() => validators.DeliverAsync(1, plan));

        Assert.Contains("but session 1's key is", poison.Message, StringComparison.Ordinal);
    }

    private static PlanCreated OneInputPlan(byte[] networkKey) => new()
    {
        Network = NetworkId.Bitcoin,
        Session = 1,
        NetworkKey = ByteString.CopyFrom(networkKey),
        PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
        Inputs =
        {
            new PlanInput
            {
                Id = new OutputId { Txid = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)), Vout = 0 },
                Amount = 50_000,
                Script = ByteString.CopyFrom(AddressKinds.ScriptPubKey(networkKey, AddressKind.External)),
                Kind = OutputKind.External,
            },
        },
        Payments = { new PlanPayment { Script = ByteString.CopyFrom(AddressKinds.ScriptPubKey(networkKey, AddressKind.Branch)), Amount = 40_000 } },
        EventualityTxid = ByteString.CopyFrom(new byte[32]),
    };
}
