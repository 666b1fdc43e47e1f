using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The fixed points Bulletproofs+ is built on.</summary>
public sealed class BulletproofPlusGeneratorsTests
{
    [Fact]
    public void ValueGenerator_IsMonerosH()
    {
        // rct::H in monero's rctTypes.h.
        Assert.Equal("8b655970153799af2aeadc9ff1add0ea6c7251d54154cfa92c173a0dd39c1f94", Convert.ToHexStringLower(BulletproofPlusGenerators.Instance.ValueGenerator.Encode()));
        Assert.Equal(MoneroGenerators.H, BulletproofPlusGenerators.Instance.ValueGenerator.ToEdwardsPoint());
    }

    [Fact]
    public void Table_HoldsGbold_Hbold_H_AndG_AtTheirIndices()
    {
        var generators = BulletproofPlusGenerators.Instance;
        var one = BulletproofPlusChallenges.One;

        Assert.Equal(generators.GBold[1023].Encode(), Point(BulletproofPlusGenerators.GBoldIndex + 1023));
        Assert.Equal(generators.HBold[5].Encode(), Point(BulletproofPlusGenerators.HBoldIndex + 5));
        Assert.Equal(MoneroGenerators.H.Encoding.ToArray(), Point(BulletproofPlusGenerators.ValueGeneratorIndex));
        Assert.Equal(MoneroGenerators.G.Encoding.ToArray(), Point(BulletproofPlusGenerators.MaskGeneratorIndex));

        byte[] Point(int index) => generators.Table.Sum([one], [index]).Encode();
    }
}
