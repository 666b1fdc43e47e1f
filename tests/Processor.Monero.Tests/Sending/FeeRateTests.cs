using Processor.Monero.Sending;

namespace Processor.Monero.Tests.Sending;

/// <summary>fee = ⌈per_weight·weight / mask⌉·mask.</summary>
public sealed class FeeRateTests
{
    [Theory]
    [InlineData(1_200_000UL, 10_000UL, 2_166UL, 2_599_200_000UL)]
    [InlineData(3UL, 10UL, 7UL, 30UL)]
    [InlineData(3UL, 10UL, 10UL, 30UL)]
    [InlineData(1UL, 1UL, 0UL, 0UL)]
    public void Fee_IsTheWeightTimesTheRate_RoundedUpToTheMask(ulong perWeight, ulong mask, ulong weight, ulong fee)
    {
        Assert.Equal(fee, new FeeRate(perWeight, mask).FeeFor(weight));
    }

    [Fact]
    public void FeeBeyond64Bits_Throws()
    {
        Assert.Throws<OverflowException>(() => new FeeRate(ulong.MaxValue, 1).FeeFor(2));
    }

    [Fact]
    public void ZeroRateOrMask_IsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeeRate(0, 10_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FeeRate(1, 0));
    }
}
