using System.Diagnostics;
using System.Globalization;
using System.Text;
using Processor.Crypto.Threshold.Dkg;

namespace Processor.Benchmarks.Crypto;

/// <summary>
/// The DKG phase of <c>scripts/bench.sh frost</c>: one participant's compute in a whole two-curve ceremony (ristretto255 +
/// secp256k1) for n = 3, 10, 100 with t = ⌊2n/3⌋ + 1; writes the "Distributed key generation" section of docs/benchmarks.md.
/// </summary>
internal static class DkgBenchmark
{
    public const string SectionTitle = "Distributed key generation";

    private const double TargetSecondsAt100 = 10;

    private static readonly (int Participants, int Iterations)[] Configurations = [(3, 30), (10, 10), (100, 3)];

    private static readonly string[] Phases =
    [
        "Round 1: deal (polynomials, commitments, proofs)",
        "Round 2: check n-1 round-1 messages, encrypt n-1 shares",
        "Finish: decrypt n-1 shares, check their sum, assemble keys",
    ];

    /// <summary>Measures, prints and (unless <c>--no-doc</c>) writes the section; <paramref name="options"/> as for <c>frost</c>.</summary>
    public static void Run(BenchmarkArguments options)
    {
        var wall = Stopwatch.StartNew();
        _ = MeasureCeremony(2, 3); // untimed: JIT compilation and native library loading
        var rows = new List<(int T, int N, int Iterations, double[] MedianMs)>();
        foreach (var (n, iterations) in Configurations)
        {
            var t = (n * 2 / 3) + 1;
            Console.Error.WriteLine($"bench: DKG {t}-of-{n}, {iterations} ceremonies");
            var samples = Enumerable.Range(0, iterations).Select(_ => MeasureCeremony(t, n)).ToList();
            rows.Add((t, n, iterations, [.. Enumerable.Range(0, Phases.Length + 1).Select(p => Median(samples.Select(s => s[p])))]));
        }

        var report = Render(rows, wall.Elapsed);
        BenchmarksDocument.Publish(options, SectionTitle, report);
    }

    /// <summary>One ceremony; participant 1 is timed (each phase and the total, ms), the others run untimed.</summary>
    private static double[] MeasureCeremony(int t, int n)
    {
        var identities = Enumerable.Range(0, n).Select(_ => IdentityKey.Generate()).ToList();
        var session = new DkgSession("benchmark"u8, t, [.. identities.Select(i => i.PublicKey)]);
        var participants = Enumerable.Range(1, n).Select(i => new DkgParticipant(session, i, identities[i - 1])).ToList();
        var measured = participants[0];
        var times = new double[Phases.Length + 1];
        try
        {
            var start = Stopwatch.GetTimestamp();
            var ownRound1 = measured.Start().Serialize();
            times[0] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

            var othersRound1 = participants.Skip(1).Select(p => p.Start().Serialize()).ToList();
            var parsedByOthers = othersRound1.Prepend(ownRound1).Select(b => Round1Message.Deserialize(session, b)).ToList();
            var othersRound2 = participants.Skip(1).Select(p => p.ReceiveRound1(parsedByOthers).Serialize()).ToList();

            start = Stopwatch.GetTimestamp();
            var ownRound2 = measured.ReceiveRound1(othersRound1.Select(b => Round1Message.Deserialize(session, b)).ToList());
            times[1] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            _ = ownRound2.Serialize();

            start = Stopwatch.GetTimestamp();
            using var result = measured.ReceiveRound2(othersRound2.Select(b => Round2Message.Deserialize(session, b)).ToList());
            times[2] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            times[^1] = times[..^1].Sum();
            return times;
        }
        finally
        {
            participants.ForEach(p => p.Dispose());
            identities.ForEach(i => i.Dispose());
        }
    }

    private static string Render(List<(int T, int N, int Iterations, double[] MedianMs)> rows, TimeSpan wall)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Command: `scripts/bench.sh frost` (runs after the FROST signing phases). Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; this part took {wall.TotalSeconds:0} s wall.");
        text.AppendLine();
        text.AppendLine(c, $"- **Machine**: {MachineInfo.Read().Describe()}. Other helpers' builds and tests may share it.");
        text.AppendLine("- **What**: one ceremony produces both keys (ristretto255 for Batches, secp256k1 for Bitcoin); t = ⌊2n/3⌋ + 1. The figures are participant 1's compute, single thread, Release: messages arrive as bytes (`Deserialize` checks signatures and proofs), shares are encrypted (ristretto255 ECDH, HKDF-SHA256, XChaCha20-Poly1305). The other n-1 participants run untimed in the same process; no network or relay time. Median of the ceremonies run (count per row; the total is the median of per-ceremony totals), after one untimed warm-up ceremony.");
        text.AppendLine();
        text.AppendLine("| t-of-n | ceremonies | " + string.Join(" | ", Phases) + " | **Total per participant** |");
        text.AppendLine("|---|---:|" + string.Concat(Phases.Select(_ => "---:|")) + "---:|");
        foreach (var (t, n, iterations, medians) in rows)
        {
            text.AppendLine(c, $"| {t}-of-{n} | {iterations} | {string.Join(" | ", medians[..^1].Select(Ms))} | **{Ms(medians[^1])}** |");
        }

        var large = rows.Find(r => r.N == 100);
        if (large.N == 100)
        {
            var seconds = large.MedianMs[^1] / 1000;
            text.AppendLine();
            text.AppendLine(c, $"Target: DKG for n = 100 < {TargetSecondsAt100:0} s per participant: **{(seconds < TargetSecondsAt100 ? "met" : "not met")}** ({seconds:0.00} s).");
        }

        return text.ToString();
    }

    private static string Ms(double milliseconds) => string.Create(CultureInfo.InvariantCulture, $"{milliseconds:#,0.0} ms");

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
