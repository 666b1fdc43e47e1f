using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The variable-time multi-scalar multiplication against libsodium's single multiplications and additions.</summary>
public sealed class MultiScalarMultiplicationTests
{
    /// <summary>A point of order 8 (libsodium's small-order list): adding it gives a point with a torsion component.</summary>
    private static readonly EdwardsPoint OrderEight = EdwardsPoint.FromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(47)]
    [InlineData(48)]
    [InlineData(300)]
    [InlineData(900)]
    public void SumOfProducts_EqualsLibsodiumPerTerm(int count)
    {
        var scalars = new Scalar[count];
        var points = new EdwardsPoint[count];
        var expected = EdwardsPoint.Identity;
        for (var i = 0; i < count; i++)
        {
            scalars[i] = MoneroScalars.Group.RandomScalar();
            points[i] = EdwardsPoint.MultiplyBase(MoneroScalars.Group.RandomScalar());
            if (i % 3 == 1)
            {
                points[i] += OrderEight;
            }

            expected += points[i].Multiply(scalars[i]);
        }

        var actual = MultiScalarMultiplication.Compute(scalars, [.. points.Select(ExtendedPoint.From)]);

        Assert.Equal(expected, actual.ToEdwardsPoint());
    }

    [Fact]
    public void SumColumns_EqualsLibsodiumPerColumn()
    {
        // Three weights (one of them one, which the routine adds without multiplying) over columns of four points.
        Scalar[] weights = [MoneroScalars.Group.RandomScalar(), MoneroScalars.FromUInt64(1), MoneroScalars.Group.RandomScalar()];
        var points = Enumerable.Range(0, 12).Select(i => EdwardsPoint.MultiplyBase(MoneroScalars.Group.RandomScalar()) + (i == 5 ? OrderEight : EdwardsPoint.Identity)).ToArray();

        var sums = MultiScalarMultiplication.SumColumns(weights, [.. points.Select(ExtendedPoint.From)]);

        var expected = Enumerable.Range(0, 4).Select(i => points[i].Multiply(weights[0]) + points[4 + i] + points[8 + i].Multiply(weights[2]));
        Assert.Equal(expected, sums.Select(p => p.ToEdwardsPoint()));
    }

    [Fact]
    public void SumColumnsWithPointsNotAMultipleOfTheWeights_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => MultiScalarMultiplication.SumColumns(
            [MoneroScalars.FromUInt64(2), MoneroScalars.FromUInt64(3)], [ExtendedPoint.Identity, ExtendedPoint.Identity, ExtendedPoint.Identity]));

        Assert.Contains("columns of 2 weights", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LargestScalar_IsHandled()
    {
        // l − 1 has the most set bits a reduced scalar has.
        var minusOne = -MoneroScalars.FromUInt64(1);
        var point = EdwardsPoint.MultiplyBase(MoneroScalars.Group.RandomScalar());

        var actual = MultiScalarMultiplication.Compute([minusOne], [ExtendedPoint.From(point)]);

        Assert.Equal(point.Negate(), actual.ToEdwardsPoint());
    }

    [Fact]
    public void OrderEightPoint_TimesEight_IsTheIdentity()
    {
        var extended = ExtendedPoint.From(OrderEight);

        Assert.False(extended.DoubleTimes(2).IsIdentity);
        Assert.True(extended.MultiplyByCofactor().IsIdentity);
    }

    [Fact]
    public void Decode_RefusesWhatMoneroRefuses()
    {
        // y = 2 has no x on the curve.
        var noSquareRoot = new byte[32];
        noSquareRoot[0] = 2;

        Assert.False(ExtendedPoint.TryDecode(noSquareRoot, out _));
        Assert.False(ExtendedPoint.TryDecode(new byte[31], out _));
    }

    [Fact]
    public void MismatchedLengths_AreRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => MultiScalarMultiplication.Compute(new byte[32], [ExtendedPoint.Identity, ExtendedPoint.Identity]));
        Assert.Contains("2 points", error.Message, StringComparison.Ordinal);
    }
}
