using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Scripts;
using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Crypto.Sr25519;
using Processor.Serai;
using Processor.Serai.Contracts;
using static Processor.Benchmarks.Cluster.ClusterFigures;

namespace Processor.Benchmarks.Cluster;

/// <summary>
/// <c>scripts/bench.sh flow</c>: the whole flow at 3 validators (t = 2), all four services of each a separate process on the
/// embedded broker, one Postgres server and litecoind regtest: the latency from a deposit's finality to its verified
/// <c>SignedBatch</c>, and from a burn's Serai block to the broadcast of its payout (median and maximum of N each); writes the
/// "Whole flow" section of docs/benchmarks.md.
/// </summary>
internal static class FlowBenchmark
{
    public const string SectionTitle = "Whole flow";

    private const int Confirmations = 6;

    private const long DepositSatoshis = 1_000_000;

    private const long BurnSatoshis = 100_000;

    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static readonly ServiceDefinition[] Services =
        [ServiceCatalog.Signer, ServiceCatalog.Scanner, ServiceCatalog.Reporter, ServiceCatalog.Scheduler];

    private static readonly Dictionary<string, string> Settings = new() { ["Scanner__PollInterval"] = "00:00:00.100" };

    public static async Task<int> RunAsync(BenchmarkArguments options)
    {
        options.EnsureOnly("samples", "doc", "no-doc");
        var samples = options.Int("samples", 20, 1, 200);
        var started = DateTime.UtcNow;
        using var cancel = new CancellationTokenSource(Limit * ((2 * samples) + 4));
        var token = cancel.Token;

        await using var running = await RunningCluster.StartAsync(
            new ClusterSpec(3, 2, LogLevel: "Warning", Settings: Settings), Services, signingTimeout: TimeSpan.FromSeconds(30), token);
        await running.WaitForIdentitiesAsync(Limit, token);
        var keys = await running.GenerateConfirmedKeysAsync(0, Limit, token);
        var flow = await FlowDriver.StartAsync(running, keys, Confirmations, token);

        // One unmeasured round first: JIT and first-use costs of every service.
        await DepositAsync(flow, token);
        await BurnAsync(flow, token);
        var deposits = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            deposits.Add(await DepositAsync(flow, token));
            await Console.Error.WriteLineAsync($"bench: deposit {i + 1}/{samples}: {Seconds(deposits[^1])}");
        }

        var burns = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            burns.Add(await BurnAsync(flow, token));
            await Console.Error.WriteLineAsync($"bench: burn {i + 1}/{samples}: {Seconds(burns[^1])}");
        }

        var report = Render(started, MachineInfo.Read(), deposits, burns);
        BenchmarksDocument.Publish(options, SectionTitle, report);

        return 0;
    }

    /// <summary>
    /// A deposit with a Transfer instruction, mined and made final; returns the time from the block that made it final to the
    /// first <c>SignedBatch</c> for its block on any validator's topic (whose signature is then checked), and lets the flow settle.
    /// </summary>
    private static async Task<TimeSpan> DepositAsync(FlowDriver flow, CancellationToken cancellationToken)
    {
        var recipient = new SeraiAddress(RandomNumberGenerator.GetBytes(SeraiAddress.Size));
        var data = new Shorthand.Raw(new RefundableInInstruction(null, new Processor.Serai.InInstruction.Transfer(recipient))).Encode();
        var deposit = await flow.Wallet.SendAsync(flow.Script(AddressKind.External), DepositSatoshis, 1, data, cancellationToken);
        await flow.Node.MineAsync(Confirmations, cancellationToken: cancellationToken);
        var final = DateTimeOffset.UtcNow;
        var block = await flow.Chain.BlockOfAsync(deposit.Txid, cancellationToken)
            ?? throw new InvalidOperationException($"Deposit {deposit.Txid} is not in a block after mining.");

        (SignedBatch Message, TopicRecord Record)? first = null;
        await flow.Running.Cluster.WaitUntilAsync(
            $"a SignedBatch for block {block}",
            _ =>
            {
                first = flow.Running.Events.SelectMany(e => e.AllWithRecords<SignedBatch>())
                    .Where(s => FlowDriver.DisplayHex(s.Message.Batch.ExternalBlockHash) == block)
                    .OrderBy(s => s.Record.Received)
                    .Select(s => ((SignedBatch Message, TopicRecord Record)?)s) // a default tuple is not "none"
                    .FirstOrDefault();
                return Task.FromResult(first is null ? Probe.NotYet("none yet") : Probe.Met("signed"));
            },
            Limit,
            cancellationToken);
        var (signed, record) = first!.Value;
        if (!Sr25519.Verify(flow.Keys.KeyPair.SubstrateKey.Span, BatchMessage.Of(ContractBatches.ToSerai(signed.Batch)), signed.Signature.Span))
        {
            throw new InvalidOperationException($"SignedBatch {signed.Batch.Id} does not verify under the substrate key.");
        }

        await flow.SettleAsync(Limit, cancellationToken);
        return record.Received - final;
    }

    /// <summary>
    /// A burn to a fresh P2WPKH address; returns the time from sealing its Serai block to the first <c>PlanStatus</c> PUBLISHED
    /// of the plan paying it on any validator's topic, and lets the flow settle (the payout mined and completed).
    /// </summary>
    private static async Task<TimeSpan> BurnAsync(FlowDriver flow, CancellationToken cancellationToken)
    {
        var program = RandomNumberGenerator.GetBytes(20);
        var script = ScriptPubKeys.PayToWitness(0, program);
        var sealedAt = DateTimeOffset.UtcNow;
        await flow.BurnAsync([FlowDriver.BurnOf(BurnSatoshis, [2, .. program])], cancellationToken);

        DateTimeOffset? published = null;
        await flow.Running.Cluster.WaitUntilAsync(
            "the payout's broadcast",
            _ =>
            {
                var plan = flow.Plans().Values.FirstOrDefault(p => p.Payments.Any(payment => payment.Script.Span.SequenceEqual(script)));
                published = plan is null ? null : flow.Running.Events.SelectMany(e => e.AllWithRecords<PlanStatus>())
                    .Where(s => s.Message.PlanId.Equals(plan.PlanId) && s.Message.State == PlanState.Published)
                    .Select(s => (DateTimeOffset?)s.Record.Received)
                    .Min();
                return Task.FromResult(published is null ? Probe.NotYet(plan is null ? "no plan yet" : "planned, not published") : Probe.Met("published"));
            },
            Limit,
            cancellationToken);
        await flow.SettleAsync(Limit, cancellationToken);
        return published!.Value - sealedAt;
    }

    private static string Render(DateTime started, MachineInfo machine, List<TimeSpan> deposits, List<TimeSpan> burns)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"Command: `scripts/bench.sh flow`. Measured {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(invariant, $"- **Machine**: {machine.Describe()}; load average {LoadAverage()} at the end (other processes included).");
        text.Append("- **Set-up**: 3 validators, t = 2; per validator its own database and topic namespace and its four services as ")
            .Append(invariant, $"separate processes ({Configuration()} build, log level Warning, scanner polling every 100 ms); one embedded ")
            .AppendLine("broker and the coordinator simulator in this process, one temporary Postgres server, litecoind regtest (6 confirmations).");
        text.Append(invariant, $"- **Deposit → SignedBatch**: a deposit of {DepositSatoshis} sat with a Transfer instruction is mined and ")
            .Append("buried under 5 more blocks; from the moment the 6th block is mined (the deposit is final) until the first `SignedBatch` ")
            .AppendLine("for its block reaches a topic watcher (scan, Batch, signing request, two FROST rounds relayed by the simulator); its signature is then verified.");
        text.Append(invariant, $"- **Burn → broadcast**: a burn of {BurnSatoshis} sat to a fresh P2WPKH address; from sealing its Serai ")
            .Append("block until the first `PlanStatus` PUBLISHED of the plan paying it (acknowledgement by the reporter, planning, ")
            .AppendLine("`PlanCreated`, FROST signing of the input, publication to litecoind).");
        text.AppendLine(invariant, $"- {deposits.Count} of each, one after the other, after one unmeasured round; the flow settles (all mined and completed) between samples.");
        text.AppendLine();
        text.AppendLine("| Latency | Median | Max | Target |");
        text.AppendLine("|---|---:|---:|---|");
        text.AppendLine(invariant, $"| Deposit final → verified SignedBatch | {Seconds(Median(deposits))} | {Seconds(deposits.Max())} | < 1 s: **{Verdict(deposits, 1)}** |");
        text.AppendLine(invariant, $"| Burn's Serai block → payout broadcast | {Seconds(Median(burns))} | {Seconds(burns.Max())} | < 2 s: **{Verdict(burns, 2)}** |");
        return text.ToString();
    }

    private static TimeSpan Median(IReadOnlyList<TimeSpan> samples) => samples.Order().ElementAt(samples.Count / 2);

    private static string Verdict(IReadOnlyList<TimeSpan> samples, int seconds) =>
        Median(samples) < TimeSpan.FromSeconds(seconds) ? "met (median)" : "not met";
}
