using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Crypto.Groups;
using Processor.Networks;
using Processor.Scheduling;

namespace Processor.Benchmarks.Scheduling;

/// <summary>
/// <c>planning</c>: the time the planning engine takes for one acknowledgement that meets 10,000 queued payments, with the
/// real Bitcoin parts (exact fees, Serai addresses, the signer's transaction planner for each eventuality txid). Two
/// pools: one large output (the payments fan out through Branch outputs) and 600 small ones (80 are aggregated, the rest
/// pay as many payments as they cover); then the acknowledgement of the tree's Branch outputs, which plans every child.
/// </summary>
internal static class PlanningBenchmark
{
    public const string SectionTitle = "Scheduler planning";

    private const ulong Coin = 100_000_000;

    public static int Run(BenchmarkArguments options)
    {
        options.EnsureOnly("payments", "runs", "doc", "no-doc");
        var payments = options.Int("payments", 10_000, 1, PaymentTreeCapacity);
        var runs = options.Int("runs", 20, 1, 1000);
        var docPath = options.Flag("no-doc") ? null : options.Text("doc") ?? BenchmarksDocument.DefaultPath();

        try
        {
            return Measure(payments, runs, docPath);
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"planning: check failed: {ex.Message}");
            return 1;
        }
    }

    private static int Measure(int payments, int runs, string? docPath)
    {
        var bed = new Bed(payments);
        Console.WriteLine($"planning: {payments} queued payments, {runs} measured runs after 3 warm-up runs");
        var scenarios = new (string Name, Func<(TimeSpan Elapsed, string Outcome)> Once)[]
        {
            ("one output, fan-out (root plan)", () => bed.FanOut().Root),
            ("one output, fan-out (all Branch plans)", () => bed.FanOut().Branches),
            ("600 small outputs (aggregation + payments)", bed.SmallOutputs),
        };

        var rows = new List<string>();
        foreach (var (name, once) in scenarios)
        {
            for (var i = 0; i < 3; i++)
            {
                once();
            }

            var samples = new List<TimeSpan>();
            var outcome = "";
            for (var i = 0; i < runs; i++)
            {
                (var elapsed, outcome) = once();
                samples.Add(elapsed);
            }

            samples.Sort();
            var median = samples[samples.Count / 2];
            var row = string.Create(CultureInfo.InvariantCulture, $"| {name} | {median.TotalMilliseconds:0.0} | {samples[^1].TotalMilliseconds:0.0} | {outcome} |");
            Console.WriteLine(row);
            rows.Add(row);
        }

        var markdown = Markdown(payments, runs, rows);
        Console.WriteLine();
        Console.WriteLine(markdown);
        if (docPath is not null)
        {
            BenchmarksDocument.WriteSection(docPath, SectionTitle, markdown);
            Console.WriteLine($"planning: wrote the \"{SectionTitle}\" section of {docPath}");
        }

        return 0;
    }

    // One level of Branch outputs under a 520-output root (PaymentTree.MaxPayments for Bitcoin).
    private const int PaymentTreeCapacity = 518 * 519;

    private static string Markdown(int payments, int runs, IEnumerable<string> rows)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Measured with `scripts/bench.sh planning` on {MachineInfo.Read().Describe()}.");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"One `UtxoPlanner.Schedule` call per measurement, {payments:N0} payments queued (burns to distinct P2PKH scripts), fee rate 10 sat/vB,");
        text.AppendLine("Bitcoin's limits (520 inputs, 520 outputs); each plan's id is hashed and its eventuality txid computed by the signer's");
        text.AppendLine(CultureInfo.InvariantCulture, $"`BitcoinTransactionPlanner.Prepare`. Median and maximum of {runs} runs after 3 warm-up runs. Target: < 1 s.");
        text.AppendLine();
        text.AppendLine("| Scenario | Median (ms) | Max (ms) | Outcome |");
        text.AppendLine("|---|---:|---:|---|");
        foreach (var row in rows)
        {
            text.AppendLine(row);
        }

        return text.ToString();
    }

    /// <summary>The engine, a key and the queued payments, built once; each scenario starts from the same state.</summary>
    private sealed class Bed
    {
        private readonly UtxoPlanner _planner;
        private readonly byte[] _key;
        private readonly KeySchedule _queued;

        public Bed(int payments)
        {
            var network = BitcoinNetwork.Mainnet;
            _planner = new UtxoPlanner(
                new NetworkParameters("bitcoin", 1, 1, network.Confirmations), BitcoinPlanning.Limits(network),
                new BitcoinTransactionFees(), new BitcoinAddressScripts(), new BitcoinPlanEventualities());
            using var secret = Secp256k1Group.Instance.ScalarFromInteger(7);
            _key = NetworkKey.FromGroupKey(Secp256k1Group.Instance.MultiplyGenerator(secret).Serialize()).NetworkKey;
            var requests = Enumerable.Range(0, payments)
                .Select(i => new PaymentRequest(new PaymentId(PaymentOrigin.Burn, 1, (uint)i), 1, [0, .. SHA256.HashData(BitConverter.GetBytes(i))[..20]], 100_000))
                .ToList();
            _queued = _planner.Schedule(KeySchedule.Empty(_key), new SchedulingInput([], requests, 10)).State;
            if (_queued.Queue.Count != payments)
            {
                throw new InvalidOperationException("the payments were not all queued");
            }
        }

        public ((TimeSpan, string) Root, (TimeSpan, string) Branches) FanOut()
        {
            var started = Stopwatch.GetTimestamp();
            var root = _planner.Schedule(_queued, new SchedulingInput([Output(0, 10_000 * Coin)], [], 10));
            var rootTime = Stopwatch.GetElapsedTime(started);
            var plan = root.Plans.Single();
            var branchOutputs = plan.Payments
                .Select((p, i) => (p, i)).Where(x => x.p.Kind == PlanPaymentKind.Branch)
                .Select(x => new PlannedInput(new OutputReference(plan.TransactionId!, x.i), x.p.Amount, Script(AddressKind.Branch), OutputKind.Branch))
                .ToList();

            started = Stopwatch.GetTimestamp();
            var children = _planner.Schedule(root.State, new SchedulingInput(branchOutputs, [], 10));
            var childrenTime = Stopwatch.GetElapsedTime(started);
            var paid = root.Plans.Concat(children.Plans).SelectMany(p => p.Payments).Count(p => p.Kind == PlanPaymentKind.External);
            if (paid != _queued.Queue.Count || children.State.Branches.Count != 0)
            {
                throw new InvalidOperationException($"the tree paid {paid} of {_queued.Queue.Count} payments");
            }

            return (
                (rootTime, $"1 plan, {plan.Payments.Count} outputs, {root.State.Branches.Count} Branch outputs"),
                (childrenTime, $"{children.Plans.Count} plans; every payment paid once"));
        }

        public (TimeSpan, string) SmallOutputs()
        {
            var outputs = Enumerable.Range(1, 600).Select(i => Output(i, 1_000_000 + (ulong)i)).ToList();
            var started = Stopwatch.GetTimestamp();
            var result = _planner.Schedule(_queued, new SchedulingInput(outputs, [], 10));
            var elapsed = Stopwatch.GetElapsedTime(started);
            var direct = result.Plans.Sum(p => p.Payments.Count(x => x.Kind == PlanPaymentKind.External));
            var planned = _queued.Queue.Count - result.State.Queue.Count;
            return (elapsed,
                $"{result.Plans.Count} plans ({result.Plans.Count(p => p.Payments.Count == 0)} aggregation); {planned} payments planned: {direct} direct, the rest behind {result.State.Branches.Count} Branch outputs");
        }

        private PlannedInput Output(int n, ulong amount) =>
            new(new OutputReference(SHA256.HashData(BitConverter.GetBytes(n)), 0), amount, Script(AddressKind.External), OutputKind.External);

        private byte[] Script(AddressKind kind) => AddressKinds.ScriptPubKey(_key, kind);
    }
}
