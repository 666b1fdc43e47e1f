using System.Security.Cryptography;
using Processor.Monero.Crypto;
using Processor.Monero.Sending;
using Processor.Networks;
using Processor.Networks.Plugins.Monero;

namespace Processor.Scheduling.Tests.Support;

/// <summary>
/// The engine over the real Monero plug-in parts (120 inputs, 16 outputs, dust 0.01 XMR, fee bounds, Serai addresses, plan
/// eventualities without rings) for one network key, with helpers that make acknowledged outputs (with their spend data)
/// and burns to Monero addresses.
/// </summary>
public sealed class MoneroPlanningBed
{
    public const int MoneroCoin = MoneroOutputScanner.SeraiCoin;

    /// <summary>One XMR in piconero.</summary>
    public const ulong Xmr = 1_000_000_000_000;

    /// <summary>The fee rate per weight: the consensus floor.</summary>
    public const ulong FeeRate = MoneroFeeRates.MinimumPerWeight;

    private static readonly MoneroAddressScripts Scripts = new();

    private ulong _nextOutput;

    public MoneroPlanningBed()
    {
        Planner = new UtxoPlanner(
            new NetworkParameters("monero", MoneroPlugin.SeraiNetworkId, MoneroCoin, MoneroPlugin.Confirmations), MoneroPlanning.Limits,
            new MoneroTransactionFees(), Scripts, new MoneroPlanEventualities());
        State = KeySchedule.Empty(NetworkKey);
    }

    /// <summary>A fixed Ed25519 group key.</summary>
    public static byte[] NetworkKey { get; } = EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar("scheduling tests group key"u8)).ToArray();

    public static PlanningLimits Limits => MoneroPlanning.Limits;

    public UtxoPlanner Planner { get; }

    /// <summary>The key's state after the last <see cref="Schedule"/>.</summary>
    public KeySchedule State { get; private set; }

    /// <summary>Serai's ExternalAddress of a distinct standard address per <paramref name="n"/>.</summary>
    public static byte[] Address(int n) =>
    [
        SeraiMoneroAddress.Standard,
        .. EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar([.. "spend"u8, .. BitConverter.GetBytes(n)])).Encoding,
        .. EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar([.. "view"u8, .. BitConverter.GetBytes(n)])).Encoding,
    ];

    /// <summary>A burn of <paramref name="amount"/> to <see cref="Address"/>(<paramref name="index"/>) in Serai block 1.</summary>
    public static PaymentRequest Burn(ulong amount, int index) => new(new PaymentId(PaymentOrigin.Burn, 1, (uint)index), MoneroCoin, Address(index), amount);

    /// <summary>A new acknowledged output of the key paid to its <paramref name="kind"/> address, with its spend data.</summary>
    public PlannedInput Output(ulong amount, OutputKind kind = OutputKind.External) =>
        Output(new OutputReference(SHA256.HashData(BitConverter.GetBytes(_nextOutput)), 0), amount, kind);

    /// <summary>
    /// The outputs a plan creates for the key (its Branch outputs and its change) as the scanner reports them once the plan's
    /// transaction is signed: at a place the plan could not know (a stand-in txid, since the real one depends on who signs).
    /// </summary>
    public IReadOnlyList<PlannedInput> OwnOutputsOf(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var signedTxid = SHA256.HashData([.. "signed"u8, .. plan.Id]);
        var outputs = plan.Payments.Select((p, i) => (p, i)).Where(x => x.p.Kind == PlanPaymentKind.Branch)
            .Select(x => Output(new OutputReference(signedTxid, x.i), x.p.Amount, OutputKind.Branch)).ToList();
        if (plan.Change is { } change)
        {
            outputs.Add(Output(new OutputReference(signedTxid, plan.Payments.Count), change.Amount, OutputKind.Change));
        }

        return outputs;
    }

    /// <summary>Schedules one acknowledgement at <see cref="FeeRate"/> and keeps the resulting state.</summary>
    public SchedulingResult Schedule(IReadOnlyList<PlannedInput>? outputs = null, IReadOnlyList<PaymentRequest>? payments = null)
    {
        var result = Planner.Schedule(State, new SchedulingInput(outputs ?? [], payments ?? [], FeeRate));
        State = result.State;
        return result;
    }

    /// <summary>Inputs = outputs + fee, the fee covers the plug-in's bound, the limits hold, the eventuality is Monero's and no txid is claimed.</summary>
    public static void AssertWellFormed(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var inputs = plan.Inputs.Aggregate(0UL, (s, i) => s + i.Amount);
        var outputs = plan.Payments.Aggregate(0UL, (s, p) => s + p.Amount) + (plan.Change?.Amount ?? 0);
        Assert.Equal(inputs, outputs + plan.Fee);
        var scripts = plan.Payments.Select(p => p.Script).Concat(plan.Change is { } c ? [c.LockingScript] : []).ToList();
        Assert.True(plan.Fee >= new MoneroTransactionFees().FeeOf(plan.Inputs, scripts, plan.FeeRate), $"fee {plan.Fee} under the bound");
        Assert.InRange(plan.Inputs.Count, 1, Limits.MaxInputs);
        Assert.InRange(scripts.Count, 1, Limits.MaxOutputs);
        Assert.All(plan.Payments, p => Assert.True(p.Amount >= Limits.Dust, $"payment of {p.Amount} under dust"));
        Assert.True(new MoneroEventualities().IsWellFormed(plan.Eventuality));
        Assert.Null(plan.TransactionId);
    }

    private PlannedInput Output(OutputReference id, ulong amount, OutputKind kind)
    {
        var n = _nextOutput++;
        var offset = MoneroHash.HashToScalar([.. "output offset"u8, .. BitConverter.GetBytes(n)]);
        var mask = MoneroHash.HashToScalar([.. "output mask"u8, .. BitConverter.GetBytes(n)]);
        var spendable = new SpendableOutput(EdwardsPoint.Decode(NetworkKey) + EdwardsPoint.MultiplyBase(offset), 1_000 + n, amount, mask, offset);
        return new PlannedInput(id, amount, Scripts.OwnScript(NetworkKey, kind), kind) { SpendData = MoneroSpendData.Encode(spendable) };
    }
}
