using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Processor.Crypto.Secp256k1;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Benchmarks.Crypto;

/// <summary>
/// <c>scripts/bench.sh frost</c>: FROST signing cost per signer next to one plain BIP340 signature from libsecp256k1 in the
/// same run; writes the "FROST signing" section of docs/benchmarks.md, then runs <see cref="DkgBenchmark"/> (its own
/// "Distributed key generation" section).
/// </summary>
internal static class CryptoBenchmark
{
    public const string SectionTitle = "FROST signing";

    private static readonly (int Threshold, int Participants)[] Configurations = [(2, 3), (7, 10), (67, 100)];

    public static int Run(BenchmarkArguments options)
    {
        options.EnsureOnly("iterations", "large-iterations", "doc", "no-doc");
        var iterations = options.Int("iterations", 300, 20, 1_000_000);
        var largeIterations = options.Int("large-iterations", 30, 5, 1_000_000);

        var loadBefore = LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();

        var baselineBefore = MeasureBip340(iterations);
        var results = new List<PhaseResult>();
        foreach (var (name, suite) in new (string, FrostCiphersuite)[]
        {
            ("taproot (secp256k1, Bitcoin)", FrostCiphersuite.Secp256k1Taproot),
            ("ristretto255 (RFC 9591)", FrostCiphersuite.Ristretto255Sha512),
        })
        {
            foreach (var (t, n) in Configurations)
            {
                var count = t > 10 ? largeIterations : iterations;
                Console.Error.WriteLine($"bench: {name} {t}-of-{n}, {count} iterations per phase");
                results.AddRange(SigningPhases.Measure(name, suite, t, n, count));
            }
        }

        // sr25519 differs from the ristretto255 rows only in the challenge (Merlin) and the final verification: one configuration shows it.
        Console.Error.WriteLine($"bench: sr25519 (Batches) 2-of-3, {iterations} iterations per phase");
        results.AddRange(SigningPhases.Measure("sr25519 (Batches)", FrostCiphersuite.Sr25519, 2, 3, iterations));

        var baselineAfter = MeasureBip340(iterations);
        var run = new RunInfo(
            DateTime.UtcNow, MachineInfo.Read(), loadBefore, LoadAverage(), wall.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, iterations, largeIterations);
        var report = CryptoReport.Render(run, baselineBefore, baselineAfter, results);
        BenchmarksDocument.Publish(options, SectionTitle, report);

        DkgBenchmark.Run(options);
        return 0;
    }

    /// <summary>One BIP340 signature (keypair creation included, as a single-key signer would do) of a 32-byte message.</summary>
    private static Timing MeasureBip340(int iterations)
    {
        var secretKey = RandomNumberGenerator.GetBytes(32);
        var message = RandomNumberGenerator.GetBytes(32);
        var aux = new byte[32];
        var publicKey = Bip340.XOnlyPublicKey(secretKey);
        var timing = OperationTimer.Measure(iterations * 3, () => Bip340.Sign(secretKey, message, aux));
        return Bip340.Verify(Bip340.Sign(secretKey, message, aux), message, publicKey)
            ? timing
            : throw new InvalidOperationException("the baseline signature does not verify");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}

/// <summary>The conditions of one run.</summary>
internal sealed record RunInfo(
    DateTime Finished, MachineInfo Machine, string LoadBefore, string LoadAfter, TimeSpan Wall, TimeSpan ProcessCpu,
    int Iterations, int LargeIterations)
{
    /// <summary>Whether the 1-minute load average exceeded the processor count at the start or the end.</summary>
    public bool Busy => new[] { LoadBefore, LoadAfter }.Any(load =>
        double.TryParse(load.Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > Machine.Processors);

    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"1-minute/5-minute/15-minute load average {LoadBefore} before and {LoadAfter} after; the run took {Wall.TotalSeconds:0.0} s wall, {ProcessCpu.TotalSeconds:0.0} s CPU of this process");
}
