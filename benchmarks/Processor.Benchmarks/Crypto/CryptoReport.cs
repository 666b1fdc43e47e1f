using System.Globalization;
using System.Text;

namespace Processor.Benchmarks.Crypto;

/// <summary>The markdown of the "FROST signing" section: one row per suite and configuration, one column per phase.</summary>
internal static class CryptoReport
{
    public static string Render(RunInfo run, Timing bip340Before, Timing bip340After, IReadOnlyList<PhaseResult> results)
    {
        var bip340 = new Timing(
            bip340Before.Iterations + bip340After.Iterations,
            (bip340Before.MedianMicroseconds + bip340After.MedianMicroseconds) / 2,
            (bip340Before.MeanMicroseconds + bip340After.MeanMicroseconds) / 2);
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"Command: `scripts/bench.sh frost`. Measured {run.Finished:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(c, $"- **Machine**: {run.Machine.Describe()}.");
        text.AppendLine(c, $"- **Load**: {run.Describe()}.{(run.Busy ? " The machine was busy (load above its processor count): absolute times are inflated; ratios to the baseline, measured in the same conditions, are the meaningful figures." : "")}");
        text.AppendLine("- **Libraries**: Debian libsecp256k1 0.2.0 and NuGet libsodium 1.0.22 through P/Invoke (`libs/Processor.Crypto`).");
        text.AppendLine();
        text.AppendLine("### Method");
        text.AppendLine();
        text.AppendLine(c, $"Single thread, Release build. Key from the trusted dealer; all t signers sign a 32-byte message for the group key. Each figure is the median (mean in parentheses) of {run.Iterations} timed operations ({run.LargeIterations} for 67-of-100) after 50 untimed ones; per-operation preparation (fresh nonces, a new package) is not timed.");
        text.AppendLine();
        text.AppendLine("- **Round 1**: one signer draws its nonces and commitments (`CommitAsync` with a no-op attempt recorder).");
        text.AppendLine("- **Round 2**: one signer computes its signature share from a package of t commitments (binding factors, group commitment, challenge, Lagrange coefficient; for taproot also the even-Y/BIP341 key map).");
        text.AppendLine("- **Aggregate**: the aggregator sums t shares and verifies the final signature (libsecp256k1 BIP340 verify for taproot; schnorrkel `verify_simple` with a Merlin transcript for sr25519).");
        text.AppendLine("- **Aggregate, one bad share (blame)**: as above with one tampered share, so every share is verified to name the culprit.");
        text.AppendLine(c, $"- **Baseline**: one plain BIP340 signature by libsecp256k1 (`Bip340.Sign`: keypair creation + `schnorrsig_sign_custom`), {bip340Before.Iterations} timed operations at the start and again at the end of the run: **{Us(bip340Before)}** and **{Us(bip340After)}**; ratios use the mean of the two medians, {bip340.MedianMicroseconds:0.0} µs.");
        text.AppendLine("- **Caching**: the key map (offset, even-Y, BIP341 tweak; about one BIP340 signature of work) is derived once per group key and offset and cached, as when a transaction's inputs are signed for the same key; the first signature for a new key or offset pays it once.");
        text.AppendLine();
        text.AppendLine("### Results (µs per operation)");
        text.AppendLine();

        var phases = results.Select(r => r.Phase).Distinct().ToList();
        text.AppendLine("| Suite | t-of-n | " + string.Join(" | ", phases) + " | Round 2 / BIP340 | Rounds 1+2 / BIP340 |");
        text.AppendLine("|---|---|" + string.Concat(phases.Select(_ => "---:|")) + "---:|---:|");
        foreach (var group in results.GroupBy(r => (r.Suite, r.Configuration)))
        {
            var byPhase = group.ToDictionary(r => r.Phase, r => r.Timing);
            var cells = phases.Select(p => byPhase.TryGetValue(p, out var t) ? Us(t) : "");
            text.AppendLine(c, $"| {group.Key.Suite} | {group.Key.Configuration} | {string.Join(" | ", cells)} | {Ratio(byPhase, bip340, SigningPhases.Round2)} | {Ratio(byPhase, bip340, SigningPhases.Round1, SigningPhases.Round2)} |");
        }

        text.AppendLine();
        text.AppendLine("### Targets");
        text.AppendLine();
        var small = Find(results, "taproot", "2-of-3");
        var large = Find(results, "taproot", "67-of-100");
        if (small is not null)
        {
            var share = small[SigningPhases.Round2].MedianMicroseconds / bip340.MedianMicroseconds;
            var both = (small[SigningPhases.Round1].MedianMicroseconds + small[SigningPhases.Round2].MedianMicroseconds) / bip340.MedianMicroseconds;
            text.AppendLine(c, $"- 2-of-3 signer's share ≤ 3× a plain BIP340 signature: **{(share <= 3 ? "met" : "not met")}** for round 2 ({share:0.0}×); rounds 1 and 2 together cost {both:0.0}×.");
        }

        if (large is not null)
        {
            var perSigner = large.Where(p => p.Key is SigningPhases.Round1 or SigningPhases.Round2).Sum(p => p.Value.MedianMicroseconds) / 1000;
            var aggregate = large[SigningPhases.AggregateWithBlame].MedianMicroseconds / 1000;
            text.AppendLine(c, $"- 67-of-100 signing < 1 s of compute per signer: **{(perSigner + aggregate < 1000 ? "met" : "not met")}** — rounds 1+2 take {perSigner:0.0} ms per signer; even aggregating with blame adds only {aggregate:0.0} ms.");
        }

        return text.ToString();
    }

    private static Dictionary<string, Timing>? Find(IReadOnlyList<PhaseResult> results, string suitePrefix, string configuration)
    {
        var rows = results.Where(r => r.Suite.StartsWith(suitePrefix, StringComparison.Ordinal) && r.Configuration == configuration).ToList();
        return rows.Count == 0 ? null : rows.ToDictionary(r => r.Phase, r => r.Timing);
    }

    private static string Ratio(Dictionary<string, Timing> byPhase, Timing bip340, params string[] phases) =>
        phases.All(byPhase.ContainsKey)
            ? string.Create(CultureInfo.InvariantCulture, $"{phases.Sum(p => byPhase[p].MedianMicroseconds) / bip340.MedianMicroseconds:0.0}×")
            : "";

    private static string Us(Timing t) => t.MedianMicroseconds >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{t.MedianMicroseconds:#,0} ({t.MeanMicroseconds:#,0})")
        : string.Create(CultureInfo.InvariantCulture, $"{t.MedianMicroseconds:0.0} ({t.MeanMicroseconds:0.0})");
}
