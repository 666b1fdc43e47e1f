using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Testing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;
using Processor.Networks;
using Processor.Scheduling.Tests.Support;
using static Processor.Scheduling.Tests.Support.PlanningBed;

namespace Processor.Scheduling.Tests;

/// <summary>
/// Plans on a real chain (litecoind regtest): each plan's transaction, signed with the single-key stand-in of the
/// threshold key, is accepted by consensus with exactly the planned fee and vsize, gets the planned txid, and its Branch
/// outputs are where the pending payments wait for them. Tests of this class run one after the other on their own node.
/// </summary>
public sealed class RegtestPlanTests(RegtestChain chain) : IClassFixture<RegtestChain>
{
    // Above litecoind's minimum relay fee rate.
    private const ulong FeeRate = 30;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeraisScenario_BurnOfOneCoinFromAPointOneOneCoinDeposit_IsMinedWithTheBurnLessTheFeeAndATenthOfACoinChange()
    {
        var bed = new PlanningBed(FeeRate);
        var deposit = await DepositAsync(110_000_000);
        var payTo = BitcoinAddress.ToScriptPubKey(
            (await chain.Node.Rpc.CallAsync("getnewaddress", ["", "legacy"], Cancel)).GetString()!, RegtestChain.Network);
        var destination = SeraiExternalAddress.FromScriptPubKey(payTo)!;

        bed.Schedule([deposit]);
        var plan = Assert.Single(bed.Schedule(payments: [Burn(Coin, 0, destination)]).Plans);
        var mined = await PublishAndMineAsync(plan);

        Assert.Equal(0x00, destination[0]);
        Assert.Equal(2, mined.Outputs.Length);
        Assert.Equal(payTo, mined.Outputs[0].ScriptPubKey.ToArray());
        Assert.Equal((long)(Coin - plan.Fee), mined.Outputs[0].Value);
        Assert.Equal(ChangeScript, mined.Outputs[1].ScriptPubKey.ToArray());
        Assert.Equal(10_000_000, mined.Outputs[1].Value);
    }

    [Fact]
    public async Task PaymentTree_EveryPlanIsMined_AndEachDestinationIsPaidOnceOnChain()
    {
        var bed = new PlanningBed(FeeRate, new PlanningLimits(MaxInputs: 3, MaxOutputs: 4, Dust: 10_000, MinimumChange: 546));
        var deposits = new List<PlannedInput>();
        for (var i = 0; i < 4; i++)
        {
            deposits.Add(await DepositAsync(20_000_000));
        }

        var result = bed.Schedule(deposits, [.. Enumerable.Range(0, 9).Select(i => Burn(5_000_000, i))]);
        var mined = new List<Transaction>();
        for (var round = 0; result.Plans.Count > 0; round++)
        {
            Assert.True(round < 5, "the tree is still growing after 5 rounds");
            var transactions = new List<Transaction>();
            foreach (var plan in result.Plans)
            {
                transactions.Add(await PublishAndMineAsync(plan));
            }

            mined.AddRange(transactions);
            result = bed.Schedule([.. transactions.SelectMany(OwnOutputsOnChain)]);
        }

        Assert.True(mined.Count >= 3, $"{mined.Count} transactions: the tree has no branch");
        var paid = mined.SelectMany(t => t.Outputs).Select(o => Convert.ToHexString(o.ScriptPubKey.Span)).ToList();
        Assert.All(Enumerable.Range(0, 9), i => Assert.Single(paid, s => s == Convert.ToHexString(P2pkhScript(i))));
        Assert.Empty(bed.State.Branches);
        Assert.Empty(bed.State.Queue);
    }

    /// <summary>Signs the plan's transaction as the signers would, checks the node's verdict, publishes and mines it.</summary>
    private async Task<Transaction> PublishAndMineAsync(Plan plan)
    {
        var signable = TransactionPlanner.Prepare(plan.ToTransactionPlan());
        var signed = signable.Complete([.. signable.Inputs.Select(i => Bip340.Sign(SpendSecret(i.KeyOffset), i.Message, RandomNumberGenerator.GetBytes(32)))]);

        var verdict = await chain.Node.Rpc.TestMempoolAcceptAsync(signed, Cancel);
        Assert.True(verdict.Allowed, verdict.RejectReason);
        Assert.Equal((long)plan.Fee, verdict.FeeSatoshis);
        Assert.Equal((long)BitcoinTransactionFees.VirtualSize(plan.Inputs.Count, [.. plan.ToTransactionPlan().Payments.Select(p => p.LockingScript), .. plan.Change is { } c ? [c.LockingScript] : Array.Empty<byte[]>()]), verdict.VirtualSize);
        var txid = await chain.Node.Rpc.SendRawTransactionAsync(signed, Cancel);
        var block = await chain.MineBlockWithAsync(txid, Cancel);
        var mined = block.Transactions.Single(t => t.Txid.ToString() == txid);
        Assert.Equal(plan.TransactionId, mined.Txid.ToArray());
        return mined;
    }

    /// <summary>The key's outputs in a mined transaction, as the scanner reports them (kind told by the script).</summary>
    private static IEnumerable<PlannedInput> OwnOutputsOnChain(Transaction transaction)
    {
        for (var i = 0; i < transaction.Outputs.Length; i++)
        {
            var script = transaction.Outputs[i].ScriptPubKey.ToArray();
            OutputKind? kind = script.AsSpan().SequenceEqual(BranchScript) ? OutputKind.Branch
                : script.AsSpan().SequenceEqual(ChangeScript) ? OutputKind.Change
                : null;
            if (kind is { } ownKind)
            {
                yield return new PlannedInput(new OutputReference(transaction.Txid.ToArray(), i), (ulong)transaction.Outputs[i].Value, script, ownKind);
            }
        }
    }

    /// <summary>A deposit from the node's wallet to the key's External address, mined.</summary>
    private async Task<PlannedInput> DepositAsync(long satoshis)
    {
        var script = AddressKinds.ScriptPubKey(PlanningBed.NetworkKey, AddressKind.External);
        var txid = await chain.Node.SendAsync(AddressKinds.Address(PlanningBed.NetworkKey, AddressKind.External, RegtestChain.Network), satoshis, null, Cancel);
        var transaction = (await chain.MineBlockWithAsync(txid, Cancel)).Transactions.Single(t => t.Txid.ToString() == txid);
        var index = transaction.Outputs.ToList().FindIndex(o => o.ScriptPubKey.Span.SequenceEqual(script));
        return new PlannedInput(new OutputReference(transaction.Txid.ToArray(), index), (ulong)satoshis, script, OutputKind.External);
    }

    /// <summary>The secret of an input's output key: group secret + Serai's tweak + the input kind's offset.</summary>
    private static byte[] SpendSecret(byte[] keyOffset)
    {
        var curve = Secp256k1Group.Instance;
        using var groupSecret = curve.ScalarFromInteger(GroupSecret);
        var derivation = Processor.Bitcoin.Addresses.NetworkKey.FromGroupKey(curve.MultiplyGenerator(groupSecret).Serialize());
        using var tweak = curve.DeserializeScalar(derivation.Tweak);
        using var offset = curve.DeserializeScalar(keyOffset);
        using var networkSecret = groupSecret + tweak;
        using var spendSecret = networkSecret + offset;
        return spendSecret.Serialize();
    }
}
