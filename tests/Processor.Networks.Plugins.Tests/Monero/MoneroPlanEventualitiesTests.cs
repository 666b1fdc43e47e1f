using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;
using NetworkPlannedOutput = Processor.Networks.PlannedOutput;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>
/// A Monero plan's eventuality is known when the scheduler makes the plan, before its rings: it equals the eventuality of
/// the transaction the signers build with whatever rings, and a signed transaction completes it.
/// </summary>
public sealed class MoneroPlanEventualitiesTests
{
    private const ulong Deposit = 40_000_000_000;
    private const ulong Rate = MoneroFeeRates.MinimumPerWeight;

    private static readonly MoneroPlanEventualities Eventualities = new();
    private static readonly MoneroAddressScripts Scripts = new();
    private static readonly byte[] PlanId = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 3))];

    public static TheoryData<string> Plans => ["payments and change", "one output", "a subaddress payment", "sixteen outputs"];

    [Theory]
    [MemberData(nameof(Plans))]
    public void EventualityWithoutRings_EqualsTheBuiltTransactions_WithAnyRings(string shape)
    {
        using var secret = SpendSecret();
        var plan = PlanOf(shape, EdwardsPoint.MultiplyBase(secret).ToArray());

        var planned = Eventualities.EventualityOf(PlanId, plan);

        Assert.Equal(MoneroPlanTransactions.Build(PlanId, plan, MoneroPlanInputs.Rings(plan.Inputs, 1)).Eventuality.Serialize(), planned.Eventuality);
        Assert.Equal(MoneroPlanTransactions.Build(PlanId, plan, MoneroPlanInputs.Rings(plan.Inputs, 7)).Eventuality.Serialize(), planned.Eventuality);
    }

    [Fact]
    public void PlanEventuality_IsWellFormedForTheScanner_AndNamesNoTransactionIdNorOutputPlace()
    {
        using var secret = SpendSecret();
        var plan = PlanOf("payments and change", EdwardsPoint.MultiplyBase(secret).ToArray());

        var planned = Eventualities.EventualityOf(PlanId, plan);

        Assert.True(new MoneroEventualities().IsWellFormed(planned.Eventuality));
        Assert.Null(planned.TransactionId);
        Assert.Equal(plan.Payments.Count + 1, planned.Outputs.Count);
        Assert.All(planned.Outputs, Assert.Null);
        Assert.NotEqual(planned.Eventuality, Eventualities.EventualityOf(new byte[32], plan).Eventuality);
    }

    [Fact]
    public void SignedTransaction_CompletesItsPlansEventuality_WithItsId_AndNoOtherPlans()
    {
        using var secret = SpendSecret();
        var plan = PlanOf("payments and change", EdwardsPoint.MultiplyBase(secret).ToArray());
        var signed = SingleKeySigner.Sign(MoneroPlanTransactions.Build(PlanId, plan, MoneroPlanInputs.Rings(plan.Inputs, 3)), secret, ClsagSigner.SystemRandom);
        var matcher = new MoneroEventualities();

        var completing = matcher.CompletingTransactionId(Eventualities.EventualityOf(PlanId, plan).Eventuality, signed.Serialize());

        Assert.Equal(signed.Hash(), completing);
        Assert.Null(matcher.CompletingTransactionId(Eventualities.EventualityOf(new byte[32], plan).Eventuality, signed.Serialize()));
        Assert.Null(matcher.CompletingTransactionId(Eventualities.EventualityOf(PlanId, plan).Eventuality, signed.Serialize().AsSpan()[..^1]));
    }

    [Fact]
    public void PlanWithInputsOfNoMoneroSpendData_IsInvalid()
    {
        using var secret = SpendSecret();
        var plan = PlanOf("one output", EdwardsPoint.MultiplyBase(secret).ToArray());
        var foreign = plan with { Inputs = [plan.Inputs[0] with { SpendData = [] }] };

        Assert.Throws<InvalidPlanException>(() => Eventualities.EventualityOf(PlanId, foreign));
    }

    private static Scalar SpendSecret() => MoneroHash.HashToScalar("plan eventualities spend secret"u8);

    /// <summary>A plan of the named shape paying exactly the fee bound, as the scheduler makes it.</summary>
    private static TransactionPlan PlanOf(string shape, byte[] groupKey)
    {
        var inputs = MoneroPlanInputs.Of(groupKey, shape == "sixteen outputs" ? 3 : 2, Deposit);
        var branch = Scripts.OwnScript(groupKey, OutputKind.Branch);
        byte[] subaddress = [SeraiMoneroAddress.Subaddress, .. EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar("s"u8)).Encoding, .. EdwardsPoint.MultiplyBase(MoneroHash.HashToScalar("v"u8)).Encoding];
        var payments = shape switch
        {
            "one output" => [],
            "a subaddress payment" => [new NetworkPlannedOutput(subaddress, 1_000_000_000), new NetworkPlannedOutput(branch, 2_000_000_000)],
            "sixteen outputs" => Enumerable.Range(0, 15).Select(i => new NetworkPlannedOutput(branch, 1_000_000_000UL + (ulong)i)).ToList(),
            _ => [new NetworkPlannedOutput(branch, 3_000_000_000), new NetworkPlannedOutput(branch, 4_000_000_000)],
        };
        var changeScript = Scripts.OwnScript(groupKey, OutputKind.Change);
        var fee = new MoneroTransactionFees().FeeOf(inputs, [.. payments.Select(p => p.LockingScript), changeScript], Rate);
        var change = inputs.Aggregate(0UL, (s, i) => s + i.Amount) - payments.Aggregate(0UL, (s, p) => s + p.Amount) - fee;
        return new TransactionPlan(groupKey, inputs, payments, new NetworkPlannedOutput(changeScript, change));
    }
}
