using Processor.Monero.Crypto;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>A plan's fee: the builder's bound for its counts at the block's rate, with two outputs at least.</summary>
public sealed class MoneroTransactionFeesTests
{
    private const ulong Rate = 1_500_000;

    private static readonly MoneroTransactionFees Fees = new();
    private static readonly byte[] GroupKey = MoneroNetworkKeyTests.NewGroupKey();
    private static readonly byte[] Change = new MoneroAddressScripts().OwnScript(GroupKey, OutputKind.Change);
    private static readonly byte[] Branch = new MoneroAddressScripts().OwnScript(GroupKey, OutputKind.Branch);
    private static readonly byte[] Standard = [SeraiMoneroAddress.Standard, .. GroupKey, .. EdwardsPoint.Decode(GroupKey).Add(EdwardsPoint.Decode(GroupKey)).Encoding];

    [Theory]
    [InlineData(1, 2)]
    [InlineData(5, 3)]
    [InlineData(120, 16)]
    public void Fee_IsTheBuildersBound_AtTheRateAndMonerodsMask(int inputCount, int outputCount)
    {
        var scripts = Enumerable.Repeat(Standard, outputCount - 1).Append(Change).ToList();

        var fee = Fees.FeeOf(Inputs(inputCount), scripts, Rate);

        Assert.Equal(TransactionFeeBound.FeeFor(inputCount, outputCount, paysSubaddress: true, new FeeRate(Rate, 10_000)), fee);
        Assert.Equal(0UL, fee % MoneroTransactionFees.QuantizationMask);
    }

    [Fact]
    public void OneOutput_IsPricedAsTwoPayingASubaddress()
    {
        Assert.Equal(Fees.FeeOf(Inputs(2), [Standard, Change], Rate), Fees.FeeOf(Inputs(2), [Standard], Rate));
        Assert.Equal(Fees.FeeOf(Inputs(2), [Change, Change], Rate), Fees.FeeOf(Inputs(2), [Change], Rate));
    }

    [Fact]
    public void OnlyStandardAddresses_NeedNoAdditionalKeys_AndCostLess()
    {
        Assert.Equal(TransactionFeeBound.FeeFor(1, 3, paysSubaddress: false, new FeeRate(Rate, 10_000)), Fees.FeeOf(Inputs(1), [Standard, Standard, Standard], Rate));
        Assert.True(Fees.FeeOf(Inputs(1), [Standard, Standard, Standard], Rate) < Fees.FeeOf(Inputs(1), [Standard, Branch, Standard], Rate));
    }

    [Fact]
    public void MoreInputs_CostMore_AtAHigherRateMore()
    {
        Assert.True(Fees.FeeOf(Inputs(2), [Standard, Change], Rate) > Fees.FeeOf(Inputs(1), [Standard, Change], Rate));
        Assert.True(Fees.FeeOf(Inputs(1), [Standard, Change], 2 * Rate) > Fees.FeeOf(Inputs(1), [Standard, Change], Rate));
    }

    private static List<PlannedInput> Inputs(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new PlannedInput(new OutputReference(new byte[32], i), 40_000_000_000, Change, OutputKind.Change))];
}
