using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Embedded.Litecoin;
using Processor.Networks;
using Processor.Networks.Plugins;

namespace Processor.Cluster.Testing;

/// <summary>
/// Plans the tests write as the scheduler would: deposits to a key's addresses on litecoind regtest, then one plan spending
/// them all back to the node's wallet, with the eventuality txid of the transaction every validator builds from it.
/// </summary>
public static class DepositPlans
{
    /// <summary>Fee of the plans, per input (generous: regtest's minimum relay fee is far lower).</summary>
    public const long FeePerInput = 2_000;

    private static BitcoinNetwork Network => BitcoinNetwork.LitecoinRegtest;

    /// <summary>
    /// Sends <paramref name="satoshis"/> to <paramref name="networkKey"/>'s address of each of <paramref name="kinds"/> (one
    /// deposit each, in order), mines them, and returns the plan spending all of them for <paramref name="session"/>.
    /// </summary>
    public static async Task<PlanCreated> FundAndPlanAsync(
        LitecoinNode node, uint session, ByteString networkKey, IReadOnlyList<AddressKind> kinds, long satoshis, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(networkKey);
        ArgumentNullException.ThrowIfNull(kinds);
        var key = networkKey.ToByteArray();
        var deposits = new List<(string Txid, AddressKind Kind)>();
        foreach (var kind in kinds)
        {
            deposits.Add((await node.SendAsync(AddressKinds.Address(key, kind, Network), satoshis, null, cancellationToken), kind));
        }

        await node.MineAsync(1, cancellationToken: cancellationToken);
        var inputs = new List<PlannedInput>();
        foreach (var (txid, kind) in deposits)
        {
            var script = AddressKinds.ScriptPubKey(key, kind);
            var transaction = await node.Rpc.CallAsync("getrawtransaction", [txid, true], cancellationToken);
            var vout = transaction.GetProperty("vout").EnumerateArray()
                .First(o => Convert.FromHexString(o.GetProperty("scriptPubKey").GetProperty("hex").GetString()!).AsSpan().SequenceEqual(script))
                .GetProperty("n").GetInt32();
            inputs.Add(new PlannedInput(new OutputReference(Hash256.Parse(txid).ToArray(), vout), (ulong)satoshis, script, BitcoinOutputKinds.ToOutputKind(kind)));
        }

        var fee = FeePerInput * kinds.Count;
        var payTo = BitcoinAddress.ToScriptPubKey(await node.GetNewAddressAsync(cancellationToken), Network);
        var payment = new PlannedOutput(payTo, (ulong)((satoshis * kinds.Count) - fee));
        var unsigned = new BitcoinTransactionPlanner().Prepare(new TransactionPlan(key, inputs, [payment], Change: null));
        var plan = new PlanCreated
        {
            Network = NetworkId.Bitcoin,
            Session = session,
            NetworkKey = networkKey,
            PlanId = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
            Payments = { new PlanPayment { Script = ByteString.CopyFrom(payTo), Amount = payment.Amount, Kind = PaymentKind.External } },
            Fee = (ulong)fee,
            FeeRate = 1,
            EventualityTxid = ByteString.CopyFrom(unsigned.TransactionId),
        };
        plan.Inputs.AddRange(inputs.Select(i => new PlanInput
        {
            Id = new OutputId { Txid = ByteString.CopyFrom(i.Id.TransactionId), Vout = (uint)i.Id.Index },
            Amount = i.Amount,
            Script = ByteString.CopyFrom(i.LockingScript),
            Kind = i.Kind.ToContract(),
        }));
        return plan;
    }
}
