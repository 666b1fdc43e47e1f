using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The precomputed fixed-base sums and the mixed addition they use, against libsodium's multiplications.</summary>
public sealed class FixedBaseTableTests
{
    /// <summary>A point of order 8 (libsodium's small-order list): adding it gives a point with a torsion component.</summary>
    private static readonly EdwardsPoint OrderEight = EdwardsPoint.FromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");

    private static readonly EdwardsPoint[] Points =
        [.. Enumerable.Range(0, 12).Select(i => EdwardsPoint.MultiplyBase(MoneroScalars.Group.RandomScalar()) + (i == 3 ? OrderEight : EdwardsPoint.Identity))];

    private static readonly FixedBaseTable Table = new([.. Points.Select(ExtendedPoint.From)]);

    [Fact]
    public void AffineNielsAdditionAndSubtraction_EqualTheExtendedOnes()
    {
        var accumulator = ExtendedPoint.From(Points[0]);
        var niels = ExtendedPoint.ToAffineNiels([.. Points.Select(ExtendedPoint.From)]);

        for (var i = 1; i < Points.Length; i++)
        {
            var sum = accumulator.Add(in niels[i]);
            var difference = accumulator.Subtract(in niels[i]);

            Assert.Equal(Points[0] + Points[i], sum.ToEdwardsPoint());
            Assert.Equal(Points[0] - Points[i], difference.ToEdwardsPoint());
        }
    }

    [Fact]
    public void Sum_EqualsLibsodiumPerTerm()
    {
        // A repeated point, a zero scalar, a one and the largest scalar (l − 1: the top digit takes the last carry).
        int[] indices = [0, 3, 5, 5, 11, 7, 2];
        Scalar[] scalars =
        [
            MoneroScalars.Group.RandomScalar(), MoneroScalars.Group.RandomScalar(), MoneroScalars.Group.RandomScalar(),
            MoneroScalars.Group.RandomScalar(), MoneroScalars.FromUInt64(0), MoneroScalars.FromUInt64(1), -MoneroScalars.FromUInt64(1),
        ];

        var sum = Table.Sum(scalars, indices);

        var expected = EdwardsPoint.Identity;
        for (var k = 0; k < indices.Length; k++)
        {
            expected += Points[indices[k]].Multiply(scalars[k]);
        }

        Assert.Equal(expected, sum.ToEdwardsPoint());
    }

    [Fact]
    public void SumColumns_EqualsLibsodiumPerColumn()
    {
        // Four weights (one of them one, one zero) over four rows of two columns, starting at point 2.
        Scalar[] weights = [MoneroScalars.Group.RandomScalar(), MoneroScalars.FromUInt64(1), MoneroScalars.FromUInt64(0), -MoneroScalars.Group.RandomScalar()];
        const int first = 2, columns = 2;

        var sums = Table.SumColumns(weights, first, columns);

        var expected = Enumerable.Range(0, columns).Select(i =>
            Points[first + i].Multiply(weights[0]) + Points[first + columns + i] + Points[first + (3 * columns) + i].Multiply(weights[3]));
        Assert.Equal(expected, sums.Select(p => p.ToEdwardsPoint()));
    }

    [Fact]
    public void SumColumnsOfAllZeroWeights_AreIdentities()
    {
        var sums = Table.SumColumns([MoneroScalars.FromUInt64(0), MoneroScalars.FromUInt64(0)], 0, 3);

        Assert.All(sums, sum => Assert.True(sum.IsIdentity));
    }

    [Fact]
    public void SumOverAPointOutsideTheTable_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Table.Sum([MoneroScalars.FromUInt64(2)], [Points.Length]));

        Assert.Contains("12 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SumColumnsBeyondTheTable_IsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Table.SumColumns([MoneroScalars.FromUInt64(2), MoneroScalars.FromUInt64(3)], 4, 5));

        Assert.Contains("exceed the table's 12 points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SumWithMoreScalarsThanPoints_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => Table.Sum([MoneroScalars.FromUInt64(2), MoneroScalars.FromUInt64(3)], [0]));
    }

    [Fact]
    public void MultiScalarSumOfFixedTermsSharingAScalar_EqualsLibsodiumPerTerm()
    {
        // 20 terms share a scalar and 4 another (enough to be summed before one multiplication), 3 share a third (too
        // few), one is a point outside the table.
        var shared = MoneroScalars.Group.RandomScalar();
        var smallestGroup = MoneroScalars.Group.RandomScalar();
        var few = MoneroScalars.Group.RandomScalar();
        var outside = EdwardsPoint.MultiplyBase(MoneroScalars.Group.RandomScalar());
        var sum = new MultiScalarSum(Table);
        var expected = outside.Multiply(few);
        sum.Add(few, ExtendedPoint.From(outside));
        for (var k = 0; k < 20; k++)
        {
            sum.AddFixed(shared, k % Points.Length);
            expected += Points[k % Points.Length].Multiply(shared);
        }

        for (var k = 0; k < 4; k++)
        {
            sum.AddFixed(smallestGroup, 11 - k);
            expected += Points[11 - k].Multiply(smallestGroup);
        }

        for (var k = 0; k < 3; k++)
        {
            sum.AddFixed(few, 2 * k);
            expected += Points[2 * k].Multiply(few);
        }

        Assert.Equal(expected, sum.Compute().ToEdwardsPoint());
    }

    [Fact]
    public void FixedTermInASumWithoutTable_IsRefused()
    {
        Assert.Throws<InvalidOperationException>(() => new MultiScalarSum().AddFixed(MoneroScalars.FromUInt64(2), 0));
    }
}
