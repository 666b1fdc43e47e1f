using System.Diagnostics;

namespace Processor.Benchmarks.Crypto;

/// <summary>Times one operation over many iterations, each with untimed preparation (e.g. fresh single-use nonces).</summary>
internal static class OperationTimer
{
    /// <summary>Enough calls for the JIT to reach its optimized tier before timing starts.</summary>
    private const int WarmupIterations = 50;

    public static Timing Measure<TState>(int iterations, Func<TState> prepare, Action<TState> operation, int warmupIterations = WarmupIterations)
    {
        for (var i = 0; i < warmupIterations; i++)
        {
            operation(prepare());
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var state = prepare();
            var start = Stopwatch.GetTimestamp();
            operation(state);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        return new Timing(iterations, samples[iterations / 2], samples.Average());
    }

    public static Timing Measure(int iterations, Action operation, int warmupIterations = WarmupIterations) =>
        Measure(iterations, () => 0, _ => operation(), warmupIterations);
}

/// <summary>Per-operation time in microseconds: median and mean of <paramref name="Iterations"/> runs.</summary>
internal sealed record Timing(int Iterations, double MedianMicroseconds, double MeanMicroseconds);

/// <summary>One measured phase (a FROST round, later DKG rounds) of one suite and signer configuration.</summary>
/// <param name="Suite">The ciphersuite, e.g. "taproot (secp256k1)".</param>
/// <param name="Configuration">"t-of-n".</param>
/// <param name="Phase">The column the figure goes into, e.g. "Round 2 (per signer)".</param>
/// <param name="Timing">The figure.</param>
internal sealed record PhaseResult(string Suite, string Configuration, string Phase, Timing Timing);
