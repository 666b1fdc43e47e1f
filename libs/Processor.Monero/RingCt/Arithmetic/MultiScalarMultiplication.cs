using Processor.Crypto.Groups;

namespace Processor.Monero.RingCt.Arithmetic;

/// <summary>
/// Σ sᵢ·Pᵢ in variable time: Straus (shared doublings, signed radix-16 digits) for a few points, Pippenger's
/// bucket method for many. Variable time is what monerod's own prover and verifier use; every scalar given here is
/// either public or a one-time proof witness.
/// </summary>
internal static class MultiScalarMultiplication
{
    /// <summary>Below this many points Straus is cheaper than buckets.</summary>
    private const int PippengerThreshold = 48;

    public static ExtendedPoint Compute(ReadOnlySpan<Scalar> scalars, ReadOnlySpan<ExtendedPoint> points)
    {
        var packed = new byte[32 * scalars.Length];
        for (var i = 0; i < scalars.Length; i++)
        {
            scalars[i].Serialize().CopyTo(packed, 32 * i);
        }

        return Compute(packed, points);
    }

    /// <summary>Scalars are 32 little-endian bytes each, concatenated, and below 2^255.</summary>
    public static ExtendedPoint Compute(ReadOnlySpan<byte> scalars, ReadOnlySpan<ExtendedPoint> points)
    {
        if (scalars.Length != 32 * points.Length)
        {
            throw new ArgumentException($"{points.Length} points need {32 * points.Length} scalar bytes, got {scalars.Length}.", nameof(scalars));
        }

        return points.Length < PippengerThreshold ? Straus(scalars, points) : Pippenger(scalars, points);
    }

    /// <summary>
    /// The m = points.Length / weights.Length column sums Σ_t weights[t]·points[t·m + i], i &lt; m: Straus per column with
    /// the weights' digits computed once, since every column shares them (the prover's generator folds). A weight of
    /// one is a plain addition.
    /// </summary>
    public static ExtendedPoint[] SumColumns(ReadOnlySpan<Scalar> weights, ReadOnlySpan<ExtendedPoint> points)
    {
        const int window = 4;
        var rows = weights.Length;
        if (rows == 0 || points.Length % rows != 0)
        {
            throw new ArgumentException($"{points.Length} points do not make columns of {rows} weights.", nameof(points));
        }

        var digitCount = DigitCount(window);
        var digits = new short[rows * digitCount];
        var isOne = new bool[rows];
        for (var t = 0; t < rows; t++)
        {
            var encoding = weights[t].Serialize();
            isOne[t] = encoding[0] == 1 && encoding.AsSpan(1).IndexOfAnyExcept((byte)0) < 0;
            SignedDigits(encoding, window, digits.AsSpan(t * digitCount, digitCount));
        }

        var columns = points.Length / rows;
        var sums = new ExtendedPoint[columns];
        var multiples = new CachedPoint[rows * 8];
        for (var i = 0; i < columns; i++)
        {
            var plain = ExtendedPoint.Identity;
            for (var t = 0; t < rows; t++)
            {
                if (isOne[t])
                {
                    plain = plain.Add(points[(t * columns) + i]);
                }
                else
                {
                    FillMultiples(points[(t * columns) + i], multiples.AsSpan(t * 8, 8));
                }
            }

            var accumulator = ExtendedPoint.Identity;
            for (var d = digitCount - 1; d >= 0; d--)
            {
                accumulator = accumulator.DoubleTimes(window);
                for (var t = 0; t < rows; t++)
                {
                    if (!isOne[t])
                    {
                        accumulator = AddDigit(accumulator, digits[(t * digitCount) + d], multiples.AsSpan(t * 8, 8));
                    }
                }
            }

            sums[i] = accumulator.Add(plain);
        }

        return sums;
    }

    private static ExtendedPoint Straus(ReadOnlySpan<byte> scalars, ReadOnlySpan<ExtendedPoint> points)
    {
        const int window = 4;
        var count = points.Length;
        var digitCount = DigitCount(window);
        var digits = new short[count * digitCount];
        var multiples = new CachedPoint[count * 8];
        for (var i = 0; i < count; i++)
        {
            SignedDigits(scalars.Slice(32 * i, 32), window, digits.AsSpan(i * digitCount, digitCount));
            FillMultiples(points[i], multiples.AsSpan(i * 8, 8));
        }

        var accumulator = ExtendedPoint.Identity;
        for (var d = digitCount - 1; d >= 0; d--)
        {
            if (d != digitCount - 1)
            {
                accumulator = accumulator.DoubleTimes(window);
            }

            for (var i = 0; i < count; i++)
            {
                accumulator = AddDigit(accumulator, digits[(i * digitCount) + d], multiples.AsSpan(i * 8, 8));
            }
        }

        return accumulator;
    }

    /// <summary>P, 2P, … 8P in cached form: the table of radix-16 signed digits.</summary>
    private static void FillMultiples(ExtendedPoint point, Span<CachedPoint> multiples)
    {
        var cached = point.ToCached();
        var multiple = point;
        multiples[0] = cached;
        for (var k = 1; k < 8; k++)
        {
            multiple = multiple.Add(cached);
            multiples[k] = multiple.ToCached();
        }
    }

    private static ExtendedPoint AddDigit(ExtendedPoint accumulator, int digit, ReadOnlySpan<CachedPoint> multiples) => digit switch
    {
        > 0 => accumulator.Add(multiples[digit - 1]),
        < 0 => accumulator.Subtract(multiples[-digit - 1]),
        _ => accumulator,
    };

    private static ExtendedPoint Pippenger(ReadOnlySpan<byte> scalars, ReadOnlySpan<ExtendedPoint> points)
    {
        var count = points.Length;
        var window = count < 500 ? 6 : count < 800 ? 7 : 8;
        var digitCount = DigitCount(window);
        var digits = new short[count * digitCount];
        var cached = new CachedPoint[count];
        for (var i = 0; i < count; i++)
        {
            SignedDigits(scalars.Slice(32 * i, 32), window, digits.AsSpan(i * digitCount, digitCount));
            cached[i] = points[i].ToCached();
        }

        var bucketCount = 1 << (window - 1);
        var buckets = new ExtendedPoint[bucketCount];
        var accumulator = ExtendedPoint.Identity;
        for (var d = digitCount - 1; d >= 0; d--)
        {
            if (d != digitCount - 1)
            {
                accumulator = accumulator.DoubleTimes(window);
            }

            Array.Fill(buckets, ExtendedPoint.Identity);
            for (var i = 0; i < count; i++)
            {
                int digit = digits[(i * digitCount) + d];
                if (digit > 0)
                {
                    buckets[digit - 1] = buckets[digit - 1].Add(cached[i]);
                }
                else if (digit < 0)
                {
                    buckets[-digit - 1] = buckets[-digit - 1].Subtract(cached[i]);
                }
            }

            accumulator = accumulator.Add(WeightedBucketSum(buckets));
        }

        return accumulator;
    }

    /// <summary>Σ (k+1)·buckets[k], as a running sum from the top bucket down (two additions per bucket).</summary>
    public static ExtendedPoint WeightedBucketSum(ReadOnlySpan<ExtendedPoint> buckets)
    {
        var running = ExtendedPoint.Identity;
        var sum = ExtendedPoint.Identity;
        for (var k = buckets.Length - 1; k >= 0; k--)
        {
            running = running.Add(buckets[k]);
            sum = sum.Add(running);
        }

        return sum;
    }

    public static int DigitCount(int window) => (256 + window - 1) / window + 1;

    /// <summary>Writes the scalar as Σ digit·2^(window·i) with digits in [−2^(window−1), 2^(window−1)].</summary>
    public static void SignedDigits(ReadOnlySpan<byte> scalar, int window, Span<short> digits)
    {
        var radix = 1 << window;
        var carry = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var value = ReadBits(scalar, i * window, window) + carry;
            carry = value > radix / 2 ? 1 : 0;
            digits[i] = (short)(value - (carry * radix));
        }
    }

    /// <summary>Bits offset … offset + width − 1 of the scalar (zero past bit 255); width is at most 8, so they span two bytes.</summary>
    private static int ReadBits(ReadOnlySpan<byte> scalar, int offset, int width)
    {
        var index = offset >> 3;
        var twoBytes = (index < 32 ? scalar[index] : 0) | (index + 1 < 32 ? scalar[index + 1] << 8 : 0);
        return (twoBytes >> (offset & 7)) & ((1 << width) - 1);
    }
}
