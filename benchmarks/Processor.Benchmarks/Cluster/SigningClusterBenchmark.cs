using System.Diagnostics;
using System.Globalization;
using System.Text;
using Processor.Bitcoin.Addresses;
using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Contracts.Signer.V1;
using Processor.Benchmarks.Messaging;
using Processor.Testing;
using static Processor.Benchmarks.Cluster.ClusterFigures;

namespace Processor.Benchmarks.Cluster;

/// <summary>
/// <c>scripts/bench.sh signing</c>: wall time of key generation, of one Batch signature and of signing a 10-input transaction
/// for 3, 7 and 15 validators
/// (t = ⌊2n/3⌋ + 1), each validator's signer a separate process, all on the embedded broker and one Postgres server of this
/// machine, the coordinator simulator relaying in this process; writes the "Signing cluster" section of docs/benchmarks.md.
/// </summary>
internal static class SigningClusterBenchmark
{
    public const string SectionTitle = "Signing cluster";

    private const int TransactionInputs = 10;

    private const string SignerAssembly = "Processor.Signer.dll";

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    // Long enough to average the idle cost of polling, heartbeats and background compilation over many of their periods.
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(BenchmarkArguments options)
    {
        options.EnsureOnly("sizes", "batches", "service-binaries", "doc", "no-doc");
        var sizes = (options.Text("sizes") ?? "3,7,15").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var batches = options.Int("batches", 5, 1, 100);
        var serviceBinaries = options.Text("service-binaries");
        var started = DateTime.UtcNow;
        var results = new List<ClusterResult>();
        foreach (var n in sizes)
        {
            await Console.Error.WriteLineAsync($"bench: {n} validators, t = {ClusterSpec.SeraiThreshold(n)}");
            results.Add(await MeasureAsync(n, batches, serviceBinaries));
        }

        var report = Render(started, MachineInfo.Read(), batches, serviceBinaries is not null, results);
        BenchmarksDocument.Publish(options, SectionTitle, report);

        return 0;
    }

    private static async Task<ClusterResult> MeasureAsync(int n, int batches, string? serviceBinaries)
    {
        using var cancel = new CancellationTokenSource(Limit * (batches + 2));
        var startup = Stopwatch.StartNew();
        await using var running = await RunningCluster.StartAsync(
            new ClusterSpec(n, LogLevel: "Warning", ServiceBinaries: serviceBinaries), [ServiceCatalog.Signer], signingTimeout: TimeSpan.FromSeconds(30), cancel.Token);
        await running.WaitForIdentitiesAsync(Limit, cancel.Token);
        var ready = startup.Elapsed;

        var idle = PhaseCpu.Start();
        await Task.Delay(IdleWindow, cancel.Token);
        var idleCpu = idle.Stop();

        var clock = Stopwatch.StartNew();
        var keyGenerationCpu = PhaseCpu.Start();
        var keys = await running.GenerateConfirmedKeysAsync(0, Limit, cancel.Token);
        var keyGeneration = clock.Elapsed;
        var keyGenerationUse = keyGenerationCpu.Stop();

        var signatures = new List<TimeSpan>();
        var batchesCpu = PhaseCpu.Start();
        for (var batchId = 0u; batchId < batches; batchId++)
        {
            var request = BatchRequests.For(keys.Session, keys.KeyPair.SubstrateKey, batchId);
            clock.Restart();
            await running.RequestSignatureAsync(request, Enumerable.Range(1, n), cancel.Token);
            await running.WaitForBatchIncludedAsync(batchId, Limit, cancel.Token);
            signatures.Add(clock.Elapsed);
        }

        var batchesUse = batchesCpu.Stop();

        // Funded and mined before the clock starts: only the signing is timed.
        var plan = await DepositPlans.FundAndPlanAsync(
            running.Cluster.Spec.EffectiveNode, keys.Session, keys.KeyPair.NetworkKey, Enumerable.Repeat(AddressKind.External, TransactionInputs).ToList(),
            1_000_000, cancel.Token);
        clock.Restart();
        await EventProducer.PublishToEachAsync(
            running.Cluster.Validators.Select(v => v.Topics.SchedulerPlans), running.Cluster.Network, plan, cancel.Token);

        await running.Cluster.WaitUntilAsync(
            "the 10-input transaction signed",
            _ => Task.FromResult(running.SignerSignatures.SelectMany(w => w.All<TransactionSigned>()).Any(t => t.PlanId.Equals(plan.PlanId))
                ? Probe.Met("signed")
                : Probe.NotYet("not yet")),
            Limit,
            cancel.Token);
        var transaction = clock.Elapsed;

        return new ClusterResult(
            n, ClusterSpec.SeraiThreshold(n), ready, keyGeneration, signatures, transaction, idleCpu, keyGenerationUse, batchesUse);
    }

    private static string Render(DateTime started, MachineInfo machine, int batches, bool readyToRun, IReadOnlyList<ClusterResult> results)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Command: `scripts/bench.sh signing`. Measured {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(invariant, $"- **Machine**: {machine.Describe()}; other processes were running (load average {LoadAverage()} at the end).");
        text.Append("- **Set-up**: per validator its own database, topic namespace and secret key file; its signer a separate process ")
            .Append(invariant, $"({(readyToRun ? "published ReadyToRun, as the container image runs it" : Configuration() + " build")}, log level Warning); one embedded broker (librdkafka mock cluster in this process) ")
            .AppendLine("and one temporary Postgres server; the coordinator simulator in this process relays every round message.");
        text.AppendLine("- **Key generation**: from the simulator's first `GenerateKey` until every signer emitted `KeyActivated` for the " +
            "confirmed pair (both DKGs, two relayed rounds, the simulated Serai block setting the keys, `ConfirmKeyPair`).");
        text.Append("- **Batch signature**: from publishing `BatchSignRequested` to every signer until the simulated Serai chain ")
            .Append(invariant, $"included the Batch (preprocesses, signing set of the first t, shares, aggregation, Serai's checks); {batches} ")
            .AppendLine("Batches one after the other, the first includes warm-up (JIT) of the signing path.");
        text.Append(invariant, $"- **Transaction**: a plan spending {TransactionInputs} External deposits (funded and mined before the clock ")
            .Append("starts), from publishing `PlanCreated` to every signer until the first `TransactionSigned` (one FROST machine per input: ")
            .AppendLine("BIP340 with the input's key offset, all inputs in the same two rounds).");
        text.AppendLine("- **CPU**: the cores the signer processes together, and this process (broker and simulator), used on average: idle " +
            "(5 s after start-up, before key generation), during key generation, and during the Batches (with CPU-seconds per Batch).");
        text.AppendLine();
        text.AppendLine("| Validators | t | Start-up (processes, identities) | Key generation | Batch signature, first | Batch signature, median | Batch signature, max | 10-input transaction |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            var sorted = r.Signatures.Order().ToList();
            text.AppendLine(invariant,
                $"| {r.Validators} | {r.Threshold} | {Seconds(r.Startup)} | {Seconds(r.KeyGeneration)} | {Seconds(r.Signatures[0])} | " +
                $"{Seconds(sorted[sorted.Count / 2])} | {Seconds(sorted[^1])} | {Seconds(r.Transaction)} |");
        }

        text.AppendLine();
        text.AppendLine("| Validators | Idle: signers / this process (cores) | Key generation: signers / this process (cores) | " +
            "Batches: signers / this process (cores) | Signer CPU per Batch | This process's CPU per Batch |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            text.AppendLine(invariant,
                $"| {r.Validators} | {r.Idle.SignerCores} / {r.Idle.HarnessCores} | {r.KeyGenerationCpu.SignerCores} / {r.KeyGenerationCpu.HarnessCores} | " +
                $"{r.BatchesCpu.SignerCores} / {r.BatchesCpu.HarnessCores} | {Seconds(r.BatchesCpu.Signers / r.Signatures.Count)} | " +
                $"{Seconds(r.BatchesCpu.Harness / r.Signatures.Count)} |");
        }

        if (results.FirstOrDefault(r => r.Validators == 15) is { } fifteen)
        {
            var median = fifteen.Signatures.Order().ToList()[fifteen.Signatures.Count / 2];
            text.AppendLine();
            text.AppendLine("### Targets (15 validators)");
            text.AppendLine();
            text.AppendLine(invariant, $"- Key generation < 5 s: **{(fifteen.KeyGeneration < TimeSpan.FromSeconds(5) ? "met" : "not met")}** ({Seconds(fifteen.KeyGeneration)}).");
            text.AppendLine(invariant, $"- Batch signature < 1 s: **{(median < TimeSpan.FromSeconds(1) ? "met" : "not met")}** (median {Seconds(median)}).");
        }

        return text.ToString();
    }

    private sealed record ClusterResult(
        int Validators,
        int Threshold,
        TimeSpan Startup,
        TimeSpan KeyGeneration,
        IReadOnlyList<TimeSpan> Signatures,
        TimeSpan Transaction,
        CpuUseOfPhase Idle,
        CpuUseOfPhase KeyGenerationCpu,
        CpuUseOfPhase BatchesCpu);

    /// <summary>CPU the signer processes and this process (broker and simulator) used over a phase of <paramref name="Wall"/>.</summary>
    private sealed record CpuUseOfPhase(TimeSpan Signers, TimeSpan Harness, TimeSpan Wall)
    {
        public string SignerCores => (Signers / Wall).ToString("0.00", CultureInfo.InvariantCulture);

        public string HarnessCores => (Harness / Wall).ToString("0.00", CultureInfo.InvariantCulture);
    }

    /// <summary>Starts counting the CPU of a phase.</summary>
    private sealed record PhaseCpu(TimeSpan Signers, TimeSpan Harness, Stopwatch Clock)
    {
        public static PhaseCpu Start() =>
            new(CpuSnapshot.ChildProcesses(SignerAssembly), CpuSnapshot.ThisProcess(), Stopwatch.StartNew());

        public CpuUseOfPhase Stop() =>
            new(CpuSnapshot.ChildProcesses(SignerAssembly) - Signers, CpuSnapshot.ThisProcess() - Harness, Clock.Elapsed);
    }
}
