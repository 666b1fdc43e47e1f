using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Processor.Benchmarks.Crypto;
using Processor.Crypto.Groups;
using Processor.Crypto.Sodium;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Benchmarks.Monero;

/// <summary>
/// <c>scripts/bench.sh monero</c>: CLSAG sign and verify (ring 16) and Bulletproofs+ prove and verify (2 and 16 outputs)
/// next to one plain libsodium Ed25519 signature in the same run; writes the "Monero RingCT proofs" section.
/// </summary>
internal static class RingCtBenchmark
{
    public const string SectionTitle = "Monero RingCT proofs";

    private const int RingSize = 16;

    /// <summary>The issue's target for a 16-output Bulletproofs+ proof on one core.</summary>
    private const double ProofTargetMilliseconds = 100;

    private const string ThresholdSignerRow = "2-of-3 threshold CLSAG, one signer, ring 16";

    public static int Run(BenchmarkArguments options)
    {
        options.EnsureOnly("iterations", "proof-iterations", "doc", "no-doc");
        var iterations = options.Int("iterations", 50, 5, 100_000);
        var proofIterations = options.Int("proof-iterations", 10, 3, 10_000);

        var loadBefore = LoadAverage();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();

        var baselineBefore = MeasureEd25519(iterations * 20);
        var rows = new List<(string Operation, Timing Timing)>();
        Console.Error.WriteLine($"bench: CLSAG ring {RingSize}, {iterations} iterations");
        rows.Add(("CLSAG sign, ring 16", OperationTimer.Measure(iterations, () => NewInput(), input => ClsagSigner.Sign(input, Random(), Message, ClsagSigner.SystemRandom), 10)));
        var signed = NewInput();
        var signature = ClsagSigner.Sign(signed, Random(), Message, ClsagSigner.SystemRandom);
        rows.Add(("CLSAG verify, ring 16", OperationTimer.Measure(iterations, () => Check(ClsagVerifier.Verify(signature.Signature, signed.Ring, signature.KeyImage, signature.PseudoOut, Message)), 10)));

        Console.Error.WriteLine($"bench: 2-of-3 threshold CLSAG ring {RingSize}, {iterations} iterations");
        using var threshold = ThresholdClsagRound.Deal();
        rows.Add((ThresholdSignerRow, OperationTimer.Measure(iterations, threshold.NewRound, round => round.SignAsSigner1(), 10)));
        rows.Add(("2-of-3 threshold CLSAG aggregate, ring 16", OperationTimer.Measure(iterations, threshold.NewSignedRound, round => round.Aggregate(), 10)));

        foreach (var outputs in new[] { 2, 16 })
        {
            Console.Error.WriteLine($"bench: Bulletproofs+ {outputs} outputs, {proofIterations} iterations");
            var openings = Enumerable.Range(0, outputs).Select(i => new CommitmentOpening(Random(), (ulong)RandomNumberGenerator.GetInt32(int.MaxValue) * 1_000_000UL)).ToArray();
            var commitments = openings.Select(o => o.Commitment).ToArray();
            rows.Add(($"Bulletproofs+ prove, {outputs} outputs", OperationTimer.Measure(proofIterations, () => BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom), 3)));
            var proof = BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom);
            rows.Add(($"Bulletproofs+ verify, {outputs} outputs", OperationTimer.Measure(proofIterations, () => Check(BulletproofPlusVerifier.Verify(proof, commitments)), 3)));
        }

        var baselineAfter = MeasureEd25519(iterations * 20);
        var run = new RunInfo(
            DateTime.UtcNow, MachineInfo.Read(), loadBefore, LoadAverage(), wall.Elapsed,
            Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, iterations, proofIterations);
        var report = Render(run, baselineBefore, baselineAfter, rows);
        Console.WriteLine(report);
        if (!options.Flag("no-doc"))
        {
            var path = options.Text("doc") ?? BenchmarksDocument.DefaultPath();
            BenchmarksDocument.WriteSection(path, SectionTitle, report);
            Console.Error.WriteLine($"bench: wrote section \"{SectionTitle}\" of {path}");
        }

        return 0;
    }

    private static readonly byte[] Message = MoneroHash.Keccak("benchmark message"u8);

    private static string Render(RunInfo run, Timing baselineBefore, Timing baselineAfter, IReadOnlyList<(string Operation, Timing Timing)> rows)
    {
        var c = CultureInfo.InvariantCulture;
        var baseline = (baselineBefore.MedianMicroseconds + baselineAfter.MedianMicroseconds) / 2;
        var text = new StringBuilder();
        text.AppendLine(c, $"Command: `scripts/bench.sh monero`. Measured {run.Finished:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(c, $"- **Machine**: {run.Machine.Describe()}.");
        text.AppendLine(c, $"- **Load**: {run.Describe()}.{(run.Busy ? " The machine was busy (load above its processor count): absolute times are inflated; ratios to the baseline, measured in the same conditions, are the meaningful figures." : "")}");
        text.AppendLine("- **Libraries**: NuGet libsodium 1.0.22 (scalars, fixed-base and constant-time multiplications, the baseline), the project's own Keccak-256 over Keccak-f[1600], and the library's own variable-time multi-scalar multiplication (`libs/Processor.Monero/RingCt/Arithmetic`: Straus below 48 points, Pippenger above, and a precomputed table of the Bulletproofs+ generators' multiples) for every sum of many products.");
        text.AppendLine();
        text.AppendLine("### Method");
        text.AppendLine();
        text.AppendLine(c, $"Single thread, Release build. Each figure is the median (mean in parentheses) of {run.Iterations} timed operations for CLSAG and {run.LargeIterations} for Bulletproofs+, after untimed warm-up runs (which also derive the 2,048 Bulletproofs+ generators once).");
        text.AppendLine();
        text.AppendLine("- **CLSAG sign**: one input, ring of 16 random members, key image and pseudo-out included (`ClsagSigner.Sign`); building the input (which checks the key and the opening) is not timed.");
        text.AppendLine("- **CLSAG verify**: `ClsagVerifier.Verify` of such a signature (16 hash-to-point maps, 32 three-point multiplications).");
        text.AppendLine("- **Bulletproofs+ prove / verify**: an aggregate range proof over 2 and 16 random amounts (`BulletproofPlusProver.Prove`, `BulletproofPlusVerifier.Verify`, single-proof verification).");
        text.AppendLine("- **2-of-3 threshold CLSAG, one signer**: everything signer 1 computes for one input of a {1, 2} signing (`Processor.Monero/Multisig`): its preprocess (two nonces on G and Hp(P) with DLEq proofs, key-image share with its proof), checking both preprocesses and combining the key image (`ClsagSigningSet.Create`), binding the round and walking the ring (`Bind`), and its share (`Sign`). Signer 2's preprocess is made untimed.");
        text.AppendLine("- **2-of-3 threshold CLSAG aggregate**: `ClsagSigningContext.Aggregate` of the two shares, which verifies the CLSAG.");
        text.AppendLine(c, $"- **Baseline**: one RFC 8032 Ed25519 signature by libsodium (`crypto_sign_ed25519_detached`, key expansion included), {baselineBefore.Iterations} timed operations at the start and at the end: **{Us(baselineBefore)}** and **{Us(baselineAfter)}** µs; ratios use the mean of the two medians, {baseline:0.0} µs.");
        text.AppendLine();
        text.AppendLine("### Results");
        text.AppendLine();
        text.AppendLine("| Operation | ms per operation | × Ed25519 signature |");
        text.AppendLine("|---|---:|---:|");
        foreach (var (operation, timing) in rows)
        {
            text.AppendLine(c, $"| {operation} | {timing.MedianMicroseconds / 1000:0.00} ({timing.MeanMicroseconds / 1000:0.00}) | {timing.MedianMicroseconds / baseline:#,0}× |");
        }

        text.AppendLine();
        text.AppendLine("### Targets");
        text.AppendLine();
        var prove16 = rows.Single(r => r.Operation == "Bulletproofs+ prove, 16 outputs").Timing.MedianMicroseconds / 1000;
        text.AppendLine(c, $"- A 16-output Bulletproofs+ proof under {ProofTargetMilliseconds:0} ms on one core: **{(prove16 < ProofTargetMilliseconds ? "met" : "not met")}** ({prove16:0.0} ms).");
        var thresholdSigner = rows.Single(r => r.Operation == ThresholdSignerRow).Timing.MedianMicroseconds / 1000;
        text.AppendLine(c, $"- A 2-of-3 threshold CLSAG input under {ProofTargetMilliseconds:0} ms per signer: **{(thresholdSigner < ProofTargetMilliseconds ? "met" : "not met")}** ({thresholdSigner:0.0} ms).");
        return text.ToString();
    }

    private static Timing MeasureEd25519(int iterations)
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        var message = RandomNumberGenerator.GetBytes(32);
        var timing = OperationTimer.Measure(iterations, () => Ed25519Signature.Sign(seed, message));
        return Ed25519Signature.Verify(Ed25519Signature.Sign(seed, message), message, Ed25519Signature.PublicKey(seed))
            ? timing
            : throw new InvalidOperationException("the baseline signature does not verify");
    }

    private static ClsagInput NewInput()
    {
        var secret = Random();
        var mask = Random();
        var realIndex = RandomNumberGenerator.GetInt32(RingSize);
        var ring = Enumerable.Range(0, RingSize)
            .Select(i => i == realIndex
                ? new RingMember(EdwardsPoint.MultiplyBase(secret), PedersenCommitment.Commit(mask, 1_000))
                : new RingMember(EdwardsPoint.MultiplyBase(Random()), EdwardsPoint.MultiplyBase(Random())))
            .ToArray();
        return new ClsagInput(ring, realIndex, secret, mask, 1_000);
    }

    private static void Check(bool valid)
    {
        if (!valid)
        {
            throw new InvalidOperationException("a benchmarked proof did not verify");
        }
    }

    private static Scalar Random() => MoneroScalars.Group.RandomScalar();

    private static string Us(Timing t) => string.Create(CultureInfo.InvariantCulture, $"{t.MedianMicroseconds:0.0} ({t.MeanMicroseconds:0.0})");

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
