using Processor.Crypto.Groups;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// Fixed points with their multiples 2^(8j)·P (j &lt; 32) precomputed in affine Niels form, so that sums of products
/// over them need no doublings: a scalar is written in signed radix-256 digits d_j, and Σ d_j·(2^(8j)·P) over every
/// term is gathered by magnitude |d_j| and summed as Σ k·(terms of magnitude k), one mixed addition per non-zero digit.
/// Built once for the Bulletproofs+ generators (about 8 MB for 2,050 points). Variable time in the scalars' digits, as
/// <see cref="MultiScalarMultiplication"/>: the same scalars as before go through it (README.md).
/// </summary>
internal sealed class FixedBaseTable
{
    private const int Window = 8;

    /// <summary>Radix-256 digits of a canonical scalar (below 2^253): the top digit takes the last carry.</summary>
    private const int Positions = 32;

    /// <summary>Digit magnitudes 1 … 128.</summary>
    private const int Magnitudes = 1 << (Window - 1);

    private readonly AffineNielsPoint[] _multiples;

    public FixedBaseTable(ReadOnlySpan<ExtendedPoint> points)
    {
        var multiples = new ExtendedPoint[points.Length * Positions];
        for (var i = 0; i < points.Length; i++)
        {
            var multiple = points[i];
            multiples[i * Positions] = multiple;
            for (var j = 1; j < Positions; j++)
            {
                multiple = multiple.DoubleTimes(Window);
                multiples[(i * Positions) + j] = multiple;
            }
        }

        _multiples = ExtendedPoint.ToAffineNiels(multiples);
        Count = points.Length;
    }

    /// <summary>The number of fixed points.</summary>
    public int Count { get; }

    /// <summary>Σ scalars[k]·P_(indices[k]).</summary>
    public ExtendedPoint Sum(ReadOnlySpan<Scalar> scalars, ReadOnlySpan<int> indices)
    {
        if (scalars.Length != indices.Length)
        {
            throw new ArgumentException($"{scalars.Length} scalars for {indices.Length} points.", nameof(indices));
        }

        var buckets = new ExtendedPoint[Magnitudes];
        Array.Fill(buckets, ExtendedPoint.Identity);
        Span<short> digits = stackalloc short[MultiScalarMultiplication.DigitCount(Window)];
        for (var k = 0; k < scalars.Length; k++)
        {
            var row = Row(indices[k]);
            Digits(scalars[k], digits);
            for (var j = 0; j < Positions; j++)
            {
                int digit = digits[j];
                if (digit > 0)
                {
                    buckets[digit - 1] = buckets[digit - 1].Add(in _multiples[row + j]);
                }
                else if (digit < 0)
                {
                    buckets[-digit - 1] = buckets[-digit - 1].Subtract(in _multiples[row + j]);
                }
            }
        }

        return MultiScalarMultiplication.WeightedBucketSum(buckets);
    }

    /// <summary>Σ P_(indices[k]), by mixed additions of the points themselves (the table's first multiples).</summary>
    public ExtendedPoint SumOfPoints(ReadOnlySpan<int> indices)
    {
        var sum = ExtendedPoint.Identity;
        foreach (var index in indices)
        {
            sum = sum.Add(in _multiples[Row(index)]);
        }

        return sum;
    }

    /// <summary>
    /// The column sums Σ_t weights[t]·P_(first + t·columns + i) for i &lt; columns (the prover's generator folds). Every
    /// column has the same digits, so the (weight, position) pairs are ordered by magnitude once; each column then
    /// walks them from the largest magnitude down, adding its running sum at every magnitude (Σ k·B_k = Σ_k Σ_(m≥k) B_m),
    /// with no bucket array: one addition per non-zero digit plus one per magnitude.
    /// </summary>
    public ExtendedPoint[] SumColumns(ReadOnlySpan<Scalar> weights, int first, int columns)
    {
        if (columns < 1 || first < 0 || first + (weights.Length * columns) > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(columns), $"{weights.Length} rows of {columns} columns from point {first} exceed the table's {Count} points.");
        }

        var digitsByMagnitude = new List<ColumnDigit>();
        Span<short> digits = stackalloc short[MultiScalarMultiplication.DigitCount(Window)];
        for (var t = 0; t < weights.Length; t++)
        {
            Digits(weights[t], digits);
            for (var j = 0; j < Positions; j++)
            {
                if (digits[j] != 0)
                {
                    digitsByMagnitude.Add(new ColumnDigit((t * columns * Positions) + j, Math.Abs((int)digits[j]), digits[j] < 0));
                }
            }
        }

        digitsByMagnitude.Sort((x, y) => y.Magnitude.CompareTo(x.Magnitude));
        var plan = digitsByMagnitude.ToArray();
        var sums = new ExtendedPoint[columns];
        for (var i = 0; i < columns; i++)
        {
            var row = Row(first + i);
            var running = ExtendedPoint.Identity;
            var sum = ExtendedPoint.Identity;
            var next = 0;
            for (var magnitude = plan.Length == 0 ? 0 : plan[0].Magnitude; magnitude > 0; magnitude--)
            {
                for (; next < plan.Length && plan[next].Magnitude == magnitude; next++)
                {
                    ref readonly var multiple = ref _multiples[row + plan[next].Offset];
                    running = plan[next].Negative ? running.Subtract(in multiple) : running.Add(in multiple);
                }

                sum = sum.Add(running);
            }

            sums[i] = sum;
        }

        return sums;
    }

    private int Row(int index) =>
        (uint)index < (uint)Count ? index * Positions : throw new ArgumentOutOfRangeException(nameof(index), $"The table has {Count} points, not {index + 1}.");

    private static void Digits(Scalar scalar, Span<short> digits)
    {
        MultiScalarMultiplication.SignedDigits(scalar.Bytes, Window, digits);
        if (digits[Positions] != 0)
        {
            throw new ArgumentException("A scalar of 2^255 or more (not canonical) has no digits in the table's range.", nameof(scalar));
        }
    }

    /// <summary>A non-zero digit of a column weight: where its multiple is relative to the column's row, and its sign.</summary>
    private readonly record struct ColumnDigit(int Offset, int Magnitude, bool Negative);
}
