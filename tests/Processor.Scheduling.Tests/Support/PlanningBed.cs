using System.Security.Cryptography;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Crypto.Groups;
using Processor.Networks;
using Processor.Scheduling;
using Processor.Bitcoin.Scripts;

namespace Processor.Scheduling.Tests.Support;

/// <summary>
/// The engine over the real Bitcoin plug-in parts (limits, exact fees, Serai addresses, plan eventualities)
/// for one network key, with helpers that make acknowledged outputs and burns.
/// </summary>
public sealed class PlanningBed
{
    public const int BitcoinCoin = 1;

    public const ulong Coin = 100_000_000;

    /// <summary>The signer's planner: what the plans' transaction ids must be the ids of.</summary>
    public static readonly BitcoinTransactionPlanner TransactionPlanner = new();

    private int _nextOutput;

    public PlanningBed(ulong feeRate = 10, PlanningLimits? limits = null)
    {
        FeeRate = feeRate;
        Limits = limits ?? BitcoinPlanning.Limits(BitcoinNetwork.Regtest);
        Planner = new UtxoPlanner(
            new NetworkParameters("bitcoin", 1, BitcoinCoin, 6), Limits, new BitcoinTransactionFees(), new BitcoinAddressScripts(), new BitcoinPlanEventualities());
        State = KeySchedule.Empty(NetworkKey);
    }

    /// <summary>The group secret of the fixed key (a single-key stand-in for the threshold key, so tests can sign on chain).</summary>
    public const int GroupSecret = 7;

    /// <summary>A fixed network key: Serai's form of the group key 7·G.</summary>
    public static byte[] NetworkKey { get; } = Processor.Bitcoin.Addresses.NetworkKey.FromGroupKey(
        Secp256k1Group.Instance.MultiplyGenerator(Secp256k1Group.Instance.ScalarFromInteger(GroupSecret)).Serialize()).NetworkKey;

    public ulong FeeRate { get; set; }

    public PlanningLimits Limits { get; }

    public UtxoPlanner Planner { get; }

    /// <summary>The key's state after the last <see cref="Schedule"/>.</summary>
    public KeySchedule State { get; private set; }

    public static byte[] ChangeScript { get; } = AddressKinds.ScriptPubKey(NetworkKey, AddressKind.Change);

    public static byte[] BranchScript { get; } = AddressKinds.ScriptPubKey(NetworkKey, AddressKind.Branch);

    /// <summary>Serai's ExternalAddress of a P2PKH script whose hash is <paramref name="n"/> (distinct per n).</summary>
    public static byte[] P2pkh(int n) => [0, .. SHA256.HashData(BitConverter.GetBytes(n))[..20]];

    /// <summary>The scriptPubKey that <see cref="P2pkh"/> names.</summary>
    public static byte[] P2pkhScript(int n) => ScriptPubKeys.PayToPublicKeyHash(P2pkh(n).AsSpan(1));

    /// <summary>A new acknowledged output of the key (a fresh outpoint).</summary>
    public PlannedInput Output(ulong amount, OutputKind kind = OutputKind.External)
    {
        var txid = SHA256.HashData(BitConverter.GetBytes(_nextOutput++));
        return new PlannedInput(new OutputReference(txid, 0), amount, AddressKinds.ScriptPubKey(NetworkKey, ToAddressKind(kind)), kind);
    }

    /// <summary>A burn of <paramref name="amount"/> to <see cref="P2pkh"/>(<paramref name="index"/>) in Serai block 1.</summary>
    public static PaymentRequest Burn(ulong amount, int index, byte[]? destination = null, int coin = BitcoinCoin) =>
        new(new PaymentId(PaymentOrigin.Burn, 1, (uint)index), coin, destination ?? P2pkh(index), amount);

    /// <summary>Schedules one acknowledgement at <see cref="FeeRate"/> and keeps the resulting state.</summary>
    public SchedulingResult Schedule(IReadOnlyList<PlannedInput>? outputs = null, IReadOnlyList<PaymentRequest>? payments = null)
    {
        var result = Planner.Schedule(State, new SchedulingInput(outputs ?? [], payments ?? [], FeeRate));
        State = result.State;
        return result;
    }

    /// <summary>The outputs a plan creates for the key (its Branch outputs and its change), as the scanner would report them.</summary>
    public static IReadOnlyList<PlannedInput> OwnOutputsOf(Plan plan)
    {
        var outputs = new List<PlannedInput>();
        for (var i = 0; i < plan.Payments.Count; i++)
        {
            if (plan.Payments[i].Kind == PlanPaymentKind.Branch)
            {
                outputs.Add(new PlannedInput(new OutputReference(plan.TransactionId!, i), plan.Payments[i].Amount, BranchScript, OutputKind.Branch));
            }
        }

        if (plan.Change is { } change)
        {
            outputs.Add(new PlannedInput(new OutputReference(plan.TransactionId!, plan.Payments.Count), change.Amount, ChangeScript, OutputKind.Change));
        }

        return outputs;
    }

    private static AddressKind ToAddressKind(OutputKind kind) => kind switch
    {
        OutputKind.External => AddressKind.External,
        OutputKind.Branch => AddressKind.Branch,
        OutputKind.Change => AddressKind.Change,
        _ => AddressKind.Forwarded,
    };
}
