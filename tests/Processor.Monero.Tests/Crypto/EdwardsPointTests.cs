using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Testing;

namespace Processor.Monero.Tests.Crypto;

/// <summary>Monero's torsion rules on top of libsodium, checked against plain double-and-add with libsodium's addition.</summary>
public sealed class EdwardsPointTests
{
    /// <summary>The point with y = 0 (x = √−1), of order 4.</summary>
    private static readonly EdwardsPoint TorsionOfOrderFour = EdwardsPoint.Decode(new byte[32]);

    [Fact]
    public void TorsionedPoint_MultipliesAsDoubleAndAdd()
    {
        var seed = TestSeed.New();
        var random = new Random(seed);
        var smallOrder = TorsionPoints();
        for (var i = 0; i < 12; i++)
        {
            using var a = RandomScalar(random);
            using var k = RandomScalar(random);
            var point = EdwardsPoint.MultiplyBase(a).Add(smallOrder[i % smallOrder.Count]);
            Assert.False(point.IsTorsionFree, $"seed {seed}, i {i}");
            Assert.True(DoubleAndAdd(point, k) == point.Multiply(k), $"seed {seed}, i {i}");
        }
    }

    [Fact]
    public void SmallOrderPoints_MultiplyWithinTheirSubgroup()
    {
        using var nine = MoneroScalars.FromUInt64(9);
        foreach (var point in TorsionPoints())
        {
            Assert.True(point.MultiplyByCofactor().IsIdentity);
            Assert.Equal(point, point.Multiply(nine));
            Assert.Equal(DoubleAndAdd(point, nine), point.Multiply(nine));
        }
    }

    [Fact]
    public void IdentityAndZero_GiveTheIdentity()
    {
        using var zero = MoneroScalars.FromUInt64(0);
        using var k = MoneroScalars.FromUInt64(12345);
        Assert.True(EdwardsPoint.MultiplyBase(zero).IsIdentity);
        Assert.True(EdwardsPoint.Generator.Multiply(zero).IsIdentity);
        Assert.True(EdwardsPoint.Identity.Multiply(k).IsIdentity);
        Assert.True(EdwardsPoint.Identity.IsTorsionFree);
        Assert.True((EdwardsPoint.Generator - EdwardsPoint.Generator).IsIdentity);
    }

    [Fact]
    public void GroupElements_ConvertBothWays()
    {
        using var k = MoneroScalars.FromUInt64(77);
        var element = Ed25519Group.Instance.MultiplyGenerator(k);
        var point = EdwardsPoint.FromGroupElement(element);
        Assert.Equal(EdwardsPoint.MultiplyBase(k), point);
        Assert.Equal(element, point.ToGroupElement());
        Assert.Throws<FormatException>(() => point.Add(TorsionOfOrderFour).ToGroupElement());
    }

    [Fact]
    public void GeneratorH_IsMoneroConstant() =>
        Assert.Equal("8b655970153799af2aeadc9ff1add0ea6c7251d54154cfa92c173a0dd39c1f94", MoneroGenerators.H.ToString());

    [Fact]
    public void NonCanonicalEncodings_AreRefusedLikeCheckKey()
    {
        var identityWithSign = EdwardsPoint.Identity.ToArray();
        identityWithSign[31] |= 0x80;
        var prime = Convert.FromHexString("EDFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F");
        Assert.False(EdwardsPoint.IsValidKey(identityWithSign));
        Assert.False(EdwardsPoint.IsValidKey(prime));
        Assert.False(EdwardsPoint.IsValidKey(new byte[31]));
        var error = Assert.Throws<FormatException>(() => EdwardsPoint.Decode(prime, "output key"));
        Assert.Contains("output key", error.Message, StringComparison.Ordinal);
    }

    private static List<EdwardsPoint> TorsionPoints()
    {
        // y = 0 gives a point of order 4; its multiples and the points of order 8 come from adding torsion to itself.
        var points = new List<EdwardsPoint> { TorsionOfOrderFour, TorsionOfOrderFour.Add(TorsionOfOrderFour) };
        var order8 = EdwardsPoint.FromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
        for (var (multiple, i) = (order8, 0); i < 8 && !multiple.IsIdentity; (multiple, i) = (multiple.Add(order8), i + 1))
        {
            points.Add(multiple);
        }

        return points;
    }

    private static Scalar RandomScalar(Random random)
    {
        var bytes = new byte[64];
        random.NextBytes(bytes);
        return MoneroScalars.Reduce(bytes);
    }

    private static EdwardsPoint DoubleAndAdd(EdwardsPoint point, Scalar k)
    {
        var bytes = k.Serialize();
        var result = EdwardsPoint.Identity;
        for (var bit = 255; bit >= 0; bit--)
        {
            result = result.Add(result);
            if (((bytes[bit / 8] >> (bit % 8)) & 1) == 1)
            {
                result = result.Add(point);
            }
        }

        return result;
    }
}
