namespace Processor.Monero.Sending;

/// <summary>
/// Gamma-distributed samples (Marsaglia and Tsang's method, shape ≥ 1, normals by Box–Muller) drawn from a
/// <see cref="ChaCha20Rng"/>, so that the same stream gives the same samples on every signer.
/// </summary>
internal static class GammaSampler
{
    /// <summary>One sample of Gamma(<paramref name="shape"/>, <paramref name="scale"/>).</summary>
    public static double Sample(ChaCha20Rng random, double shape, double scale)
    {
        var d = shape - (1.0 / 3.0);
        var c = 1.0 / Math.Sqrt(9.0 * d);

        // Each attempt is accepted with probability above 0.95 for shape ≥ 1; the bound only guards against a broken stream.
        for (var attempt = 0; attempt < 1_000; attempt++)
        {
            var x = StandardNormal(random);
            var v = 1.0 + (c * x);
            if (v <= 0)
            {
                continue;
            }

            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1.0 - (0.0331 * x * x * x * x) || Math.Log(u) < (0.5 * x * x) + (d * (1.0 - v + Math.Log(v))))
            {
                return d * v * scale;
            }
        }

        throw new InvalidOperationException("The gamma sampler rejected 1,000 draws in a row; the random stream is not random.");
    }

    private static double StandardNormal(ChaCha20Rng random)
    {
        // 1 − u is in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
