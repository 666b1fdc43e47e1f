using System.Globalization;
using Processor.Benchmarks.Messaging;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;

namespace Processor.Benchmarks.Bitcoin;

/// <summary>
/// <c>scan</c>: how fast a real mainnet block is decoded, its txids computed and its outputs matched against watched
/// keys, next to the SHA-256d throughput over the same bytes (the bound for computing txids) and next to bitcoinjs-lib
/// decoding the same block. Within a round the phases take turns of 100 ms, so that load from other processes hits them
/// alike; bitcoinjs-lib runs after them in a fresh Node process.
/// </summary>
internal static class ScanBenchmark
{
    public const string SectionTitle = "Bitcoin block scan";

    private const string DefaultBlock = "mainnet-702861-000000000000000000000c835b2adcaedc20fdf6ee440009c249452c726dafae.hex";
    private static readonly int[] WatchedKeyCounts = [1, 100, 10_000];
    private static readonly TimeSpan Slice = TimeSpan.FromMilliseconds(100);

    public static int Run(BenchmarkArguments options)
    {
        options.EnsureOnly("runs", "seconds", "block", "quiet-wait", "doc", "no-doc");
        var runs = options.Int("runs", 5, 1, 100);
        var phaseTime = TimeSpan.FromSeconds(options.Int("seconds", 2, 1, 60));
        var quietWait = TimeSpan.FromSeconds(options.Int("quiet-wait", 60, 0, 3600));
        var docPath = options.Flag("no-doc") ? null : options.Text("doc") ?? BenchmarksDocument.DefaultPath();
        var root = Path.GetDirectoryName(Path.GetDirectoryName(BenchmarksDocument.DefaultPath()))!;
        var blockFile = options.Text("block") ?? Path.GetFullPath(Path.Combine(root, "..", "shared", "vectors", "blocks", DefaultBlock));

        Console.WriteLine($"scan: {blockFile}");
        var bytes = Convert.FromHexString(File.ReadAllText(blockFile).Trim());
        var block = Block.Parse(bytes);
        if (!Verify(block, blockFile))
        {
            return 1;
        }

        Console.WriteLine($"  {block.Transactions.Length} transactions, {block.Size} bytes; building the watched scripts ...");
        var matchers = WatchedKeyCounts.ToDictionary(k => k, ScanPhases.Watch);
        var bitcoinJs = new BitcoinJsReference(root);
        bitcoinJs.EnsureInstalled();

        var phases = new List<(string Name, Func<int> Once)>
        {
            ("sha256d", ScanPhases.DoubleSha256Bound(block)),
            ("sha256d-txid-bytes", ScanPhases.DoubleSha256OfTxidBytes(block)),
            ("decode", ScanPhases.Scan(bytes, null)),
        };
        phases.AddRange(WatchedKeyCounts.Select(k => ($"keys-{k}", ScanPhases.Scan(bytes, matchers[k]))));

        Console.WriteLine("  warming up");
        ScanPhases.MeasureInterleaved(phases, Slice, 5);

        var rounds = new List<ScanRound>();
        for (var run = 1; run <= runs; run++)
        {
            QuietMachine.Wait(-1, quietWait);
            var before = CpuSnapshot.Take(-1);
            var started = DateTime.UtcNow;
            var rates = ScanPhases.MeasureInterleaved(phases, Slice, (int)Math.Ceiling(phaseTime / Slice));
            var otherCores = CpuSnapshot.Take(-1).Since(before).Other.TotalSeconds / (DateTime.UtcNow - started).TotalSeconds;

            var js = bitcoinJs.Measure(blockFile, warmupSeconds: 2, measureSeconds: phaseTime.TotalSeconds);
            if (!js.Txids.SequenceEqual(block.Transactions.Select(t => t.Txid.ToString())))
            {
                Console.Error.WriteLine("scan: bitcoinjs-lib computed different txids for the block");
                return 1;
            }

            var round = new ScanRound(rates, js, otherCores);
            rounds.Add(round);
            var matching = string.Join(", ", WatchedKeyCounts.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k} keys {rates[$"keys-{k}"]:0}")));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}/{runs}: sha256d {rates["sha256d"]:0} blocks/s, decode {rates["decode"]:0}, {matching}, bitcoinjs-lib {js.BlocksPerSecond:0.0}; other processes {otherCores:0.00} cores"));
        }

        var report = new ScanReport(block, Path.GetFileName(blockFile), MachineInfo.Read(), phaseTime, WatchedKeyCounts, rounds);
        Console.WriteLine();
        Console.WriteLine(report.Markdown());
        if (docPath is not null)
        {
            BenchmarksDocument.WriteSection(docPath, SectionTitle, report.Markdown());
            Console.WriteLine($"scan: wrote the \"{SectionTitle}\" section of {docPath}");
        }

        return 0;
    }

    private static bool Verify(Block block, string blockFile)
    {
        var expected = Path.GetFileNameWithoutExtension(blockFile).Split('-')[^1];
        if (expected.Length == 2 * Hash256.Size && block.Hash.ToString() != expected)
        {
            Console.Error.WriteLine($"scan: the block's hash is {block.Hash}, its file name says {expected}");
            return false;
        }

        try
        {
            block.Verify(BitcoinNetwork.Mainnet);
            return true;
        }
        catch (BlockVerificationException ex)
        {
            Console.Error.WriteLine($"scan: {ex.Message}");
            return false;
        }
    }
}

/// <summary>One round: blocks per second of each phase, bitcoinjs-lib's run, and the cores other processes used meanwhile.</summary>
internal sealed record ScanRound(IReadOnlyDictionary<string, double> Rates, BitcoinJsRun BitcoinJs, double OtherCores);
