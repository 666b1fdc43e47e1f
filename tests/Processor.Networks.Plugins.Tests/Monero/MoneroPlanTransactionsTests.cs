using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;
using NetworkPlannedOutput = Processor.Networks.PlannedOutput;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>
/// A plan's transaction pays exactly the fee the plan was made with (its inputs less its outputs), whatever its rings, and
/// every signer builds the same one from the plan id.
/// </summary>
public sealed class MoneroPlanTransactionsTests
{
    private const ulong Rate = 1_500_000;
    private const ulong Deposit = 40_000_000_000;

    private static readonly byte[] GroupKey = MoneroNetworkKeyTests.NewGroupKey();
    private static readonly MoneroAddressScripts Scripts = new();
    private static readonly byte[] PlanId = [.. Enumerable.Range(0, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    [InlineData(12, 15)]
    public void PlanWithChange_PaysExactlyThePlannedFee(int inputCount, int paymentCount)
    {
        var inputs = Inputs(inputCount);
        var payments = Enumerable.Range(0, paymentCount).Select(i => new NetworkPlannedOutput(Scripts.OwnScript(GroupKey, OutputKind.Branch), 1_000_000_000UL + (ulong)i)).ToList();
        var fee = new MoneroTransactionFees().FeeOf(inputs, [.. payments.Select(p => p.LockingScript), Scripts.OwnScript(GroupKey, OutputKind.Change)], Rate);
        var change = new NetworkPlannedOutput(Scripts.OwnScript(GroupKey, OutputKind.Change), (Deposit * (ulong)inputCount) - payments.Aggregate(0UL, (s, p) => s + p.Amount) - fee);
        var plan = new TransactionPlan(GroupKey, inputs, payments, change);

        var built = MoneroPlanTransactions.Build(PlanId, plan, Rings(inputs, 1));

        Assert.Equal(fee, built.Fee);
        Assert.True(new FeeRate(Rate, MoneroTransactionFees.QuantizationMask).FeeFor(built.Weight) <= fee);
        Assert.Equal(paymentCount + 1, built.Outputs.Count);
    }

    [Fact]
    public void OneOutputPlan_GetsAZeroChangeOutput_AndPaysItsPlannedFee()
    {
        var inputs = Inputs(2);
        var fee = new MoneroTransactionFees().FeeOf(inputs, [Scripts.OwnScript(GroupKey, OutputKind.Change)], Rate);
        var plan = new TransactionPlan(GroupKey, inputs, [], new NetworkPlannedOutput(Scripts.OwnScript(GroupKey, OutputKind.Change), (2 * Deposit) - fee));

        var built = MoneroPlanTransactions.Build(PlanId, plan, Rings(inputs, 1));

        Assert.Equal(fee, built.Fee);
        Assert.Equal([0UL, (2 * Deposit) - fee], built.Outputs.Select(o => o.Amount).Order());
    }

    [Fact]
    public void OtherRings_BuildTheSameOutputsAndEventuality_AnotherPlanIdAnother()
    {
        var inputs = Inputs(2);
        var plan = new TransactionPlan(GroupKey, inputs, [new NetworkPlannedOutput(Scripts.OwnScript(GroupKey, OutputKind.Branch), Deposit)], null);

        var first = MoneroPlanTransactions.Build(PlanId, plan, Rings(inputs, 1));
        var second = MoneroPlanTransactions.Build(PlanId, plan, Rings(inputs, 2));
        var other = MoneroPlanTransactions.Build(new byte[32], plan, Rings(inputs, 1));

        Assert.Equal(first.Eventuality.Serialize(), second.Eventuality.Serialize());
        Assert.Equal(first.Extra, second.Extra);
        Assert.NotEqual(first.Eventuality.Serialize(), other.Eventuality.Serialize());
    }

    [Fact]
    public void PlanPayingNoMoneroAddress_OrWithoutItsRings_IsInvalid()
    {
        var inputs = Inputs(1);
        var toBitcoin = new TransactionPlan(GroupKey, inputs, [new NetworkPlannedOutput([0x51, 0x20, .. new byte[32]], 1)], null);
        var plan = new TransactionPlan(GroupKey, inputs, [new NetworkPlannedOutput(Scripts.OwnScript(GroupKey, OutputKind.Branch), 1)], null);

        Assert.Throws<InvalidPlanException>(() => MoneroPlanTransactions.Build(PlanId, toBitcoin, Rings(inputs, 1)));
        Assert.Throws<InvalidPlanException>(() => MoneroPlanTransactions.Build(PlanId, plan, []));
    }

    private static List<PlannedInput> Inputs(int count) => MoneroPlanInputs.Of(GroupKey, count, Deposit);

    private static List<Ring> Rings(IReadOnlyList<PlannedInput> inputs, ulong spacing) => MoneroPlanInputs.Rings(inputs, spacing);
}
