using System.Globalization;
using System.Text;
using Processor.Messaging;

namespace Processor.Benchmarks.Messaging;

/// <summary>The rates of one run, derived from its measured spans.</summary>
internal sealed record MessagingRates(
    double Produce,
    double ConsumeFirstToLast,
    double ConsumeWall,
    double AppliedWall,
    double AppliedFirstToLast,
    double PublishedWall)
{
    public double RatioWall => AppliedWall / ConsumeWall;

    public double RatioFirstToLast => AppliedFirstToLast / ConsumeFirstToLast;

    public static MessagingRates Of(MessagingRound round, int count) => new(
        MessagingBenchmark.Rate(count, round.Produce!.FirstToLast),
        MessagingBenchmark.Rate(count - 1, round.Consume!.FirstToLast),
        MessagingBenchmark.Rate(count, round.Consume.Wall),
        MessagingBenchmark.Rate(count, round.ExactlyOnce.StartToApplied),
        MessagingBenchmark.Rate(count - round.ExactlyOnce.FirstBatch, round.ExactlyOnce.FirstToLastApplied),
        MessagingBenchmark.Rate(count, round.ExactlyOnce.StartToPublished));
}

/// <summary>The table printed on the console and the "Exactly-once messaging" section of <c>docs/benchmarks.md</c>.</summary>
internal sealed class MessagingReport(
    MessagingSettings settings,
    MachineInfo machine,
    DateTimeOffset started,
    string postgresVersion,
    string librdkafkaVersion,
    (MessagingOptions Options, int MaxAutoPrepare) effective,
    IReadOnlyList<MessagingRound> rounds,
    double payloadBytesPerRecord,
    long maxPartitionBytes,
    int repeatedRuns)
{
    public const double MinimumRate = 5_000;
    public const double MinimumRatio = 0.25;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly List<MessagingRates> _rates = rounds.Select(r => MessagingRates.Of(r, settings.Count)).ToList();

    private MessagingRates Median => new(
        MedianOf(r => r.Produce),
        MedianOf(r => r.ConsumeFirstToLast),
        MedianOf(r => r.ConsumeWall),
        MedianOf(r => r.AppliedWall),
        MedianOf(r => r.AppliedFirstToLast),
        MedianOf(r => r.PublishedWall));

    public string ConsoleTable()
    {
        var text = new StringBuilder();
        var header = $"{"Run",-8} {"Produce/s",11} {"Consume/s",11} {"Consume/s",11} {"EO applied/s",13} {"EO applied/s",13} {"EO publ./s",11} {"EO/consume",11} {"EO/consume",11}";
        var sub = $"{"",-8} {"first->last",11} {"first->last",11} {"wall",11} {"wall",13} {"first->last",13} {"wall",11} {"wall",11} {"f->l",11}";
        text.AppendLine(header).AppendLine(sub).AppendLine(new string('-', header.Length));
        for (var i = 0; i < _rates.Count; i++)
        {
            text.AppendLine(ConsoleRow(string.Create(Invariant, $"{rounds[i].Run}"), _rates[i]));
        }

        var median = Median;
        text.AppendLine(new string('-', header.Length)).AppendLine(ConsoleRow("median", median));
        text.AppendLine();
        text.AppendLine(Verdict(median, markdown: false));
        return text.ToString();
    }

    public string Markdown()
    {
        var median = Median;
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Command: `scripts/bench.sh messaging{CommandOptions()}`. Measured {started:yyyy-MM-dd HH:mm} UTC.");
        text.AppendLine();
        text.AppendLine(Invariant, $"- **Machine**: {machine.Describe()}.");
        text.AppendLine(Invariant, $"- **Versions**: librdkafka {librdkafkaVersion} (Confluent.Kafka, mock cluster of 3 brokers hosted in the benchmark process); PostgreSQL {postgresVersion} (`TemporaryPostgresCluster`: fsync=off, synchronous_commit=off, full_page_writes=off); Npgsql {typeof(Npgsql.NpgsqlConnection).Assembly.GetName().Version}.");
        text.AppendLine(Invariant, $"- **Worker settings**: MaxBatchSize {effective.Options.MaxBatchSize}, RelayBatchSize {effective.Options.RelayBatchSize}, Npgsql Max Auto Prepare {effective.MaxAutoPrepare}{ExtraSettings()}.");
        if (settings.Label is not null)
        {
            text.AppendLine(Invariant, $"- **Variant**: {settings.Label}.");
        }

        text.AppendLine();
        text.AppendLine("### Method");
        text.AppendLine();
        text.AppendLine(Invariant, $"One temporary Postgres cluster and one embedded Kafka cluster (ports 0) serve the whole run. Every phase uses {settings.Count:N0} `CounterIncremented` records ({payloadBytesPerRecord:0} bytes of key, value and headers on average: `event-id`, `event-type`, `content-type`) over {settings.Keys:N0} counter keys, keyed by counter so the default partitioner spreads them over {settings.Partitions} partitions (largest partition: {maxPartitionBytes / 1024.0 / 1024.0:0.00} MiB, far below the mock's ~5 MiB cap; every pre-produced topic is checked to hold all records with low watermark 0). Each phase gets a fresh topic; each run goes through the phases below in this order; a warm-up round of {settings.WarmupCount:N0} records (all phases) runs first and is not reported. Before each measured phase the harness waits (up to {settings.QuietWait.TotalSeconds:0} s) until other processes on the machine use at most {QuietMachine.Threshold} cores over 2 s; {BusyNote()}");
        text.AppendLine();
        text.AppendLine(Invariant, $"1. **Raw produce**: idempotent producer (acks=all, linger.ms={RawKafka.LingerMs}), records serialized beforehand; first `Produce` call until the last delivery report.");
        text.AppendLine(Invariant, $"2. **Raw consume**: a plain consumer in a new group (subscribe, earliest, fetch.wait.max.ms={RawKafka.FetchWaitMaxMs} as the exactly-once consumer uses, no processing) reads the whole pre-produced topic. *first→last*: first record returned until the last; *wall*: from building the consumer (group join included) until the last record.");
        text.AppendLine("3. **Exactly-once**: the counter worker (`AddProcessorMessaging` + `CounterIncrementedHandler`, a batch handler: per record one ledger row and one emitted `CounterChanged` event, plus one update per counter touched; one statement per run of records) hosted in the benchmark process with its own schema and group, consuming a pre-produced topic. *applied, wall*: from building the worker's host (migrations, group join included) until the commit that makes every record applied; *applied, first→last*: from the first commit to the last; *published, wall*: from building the host until the outbox relay has marked every emitted event published. Progress is taken from the library's `IMessagingObserver` callbacks (right after each commit and each relay marking), so nothing polls Postgres while the clock runs. Afterwards the run is checked: sum of `applied` = N, N inbox rows, N outbox rows none unpublished, no dead letters, stored offsets sum to N, and the output topic holds exactly N records.");
        text.AppendLine(Invariant, $"4. **Handler statement alone** (context, not a target): the handler's writes (`CounterLedger`, the same statement and parameters through Dapper) run back to back on one connection of the worker's data source, one transaction per MaxBatchSize records, with no Kafka, inbox, outbox or relay: the share of the cost that is the handler's own.");
        text.AppendLine();
        text.AppendLine("Ratios are exactly-once applied/s over raw consume/s of the same run (medians: ratio of the medians). All rates are records (events) per second.");
        text.AppendLine();
        text.AppendLine(Invariant, $"### Results ({settings.Count:N0} records per phase, median of {rounds.Count} run{(rounds.Count == 1 ? "" : "s")})");
        text.AppendLine();
        text.AppendLine("| Run | Raw produce | Raw consume, first→last | Raw consume, wall | Exactly-once applied, wall | Exactly-once applied, first→last | Exactly-once published, wall | Applied / raw consume (wall) | Applied / raw consume (first→last) |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        text.AppendLine(MarkdownRow("**median**", median, bold: true));
        for (var i = 0; i < _rates.Count; i++)
        {
            text.AppendLine(MarkdownRow(string.Create(Invariant, $"{rounds[i].Run}"), _rates[i], bold: false));
        }

        text.AppendLine();
        text.AppendLine("Where the time of the exactly-once phase goes (per run; CPU from /proc: the benchmark process holds the worker, the broker and the harness; *other processes* is the rest of the machine):");
        text.AppendLine();
        text.AppendLine("| Run | Applied in | Published in | Commits (mean batch) | CPU, benchmark process | CPU, Postgres | CPU, other processes | Cores busy | Handler statement alone | Applied / statement alone | Other processes over the whole run |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var round in rounds)
        {
            var eo = round.ExactlyOnce;
            var busy = (eo.Cpu.Process + eo.Cpu.Postgres + eo.Cpu.Other).TotalSeconds / eo.StartToPublished.TotalSeconds;
            text.AppendLine(Invariant, $"| {round.Run} | {eo.StartToApplied.TotalSeconds:0.00} s | {eo.StartToPublished.TotalSeconds:0.00} s | {eo.Commits} ({(double)settings.Count / eo.Commits:0}) | {eo.Cpu.Process.TotalSeconds:0.0} s | {eo.Cpu.Postgres.TotalSeconds:0.0} s | {eo.Cpu.Other.TotalSeconds:0.0} s | {busy:0.00} of {machine.Processors} | {MessagingBenchmark.Rate(settings.Count, round.HandlerFloor):N0}/s | {round.HandlerFloor / eo.StartToApplied:P0} | {round.OtherLoad:0.00} cores |");
        }

        text.AppendLine();
        text.AppendLine("### Targets");
        text.AppendLine();
        text.AppendLine(Verdict(median, markdown: true));
        var floor = MedianOfRounds(r => MessagingBenchmark.Rate(settings.Count, r.HandlerFloor));
        text.AppendLine(string.Create(
            Invariant,
            $"- Context: the handler's statement alone runs at {floor:N0}/s (median), which is {floor / median.ConsumeWall:P1} of the raw consume rate (wall) and {floor / median.ConsumeFirstToLast:P1} of it first→last; the exactly-once path reaches {median.AppliedWall / floor:P0} of that ceiling; the rest is the exactly-once machinery (offsets, inbox, outbox, relay) and the broker, on the same two cores."));
        return text.ToString();
    }

    private static string Verdict(MessagingRates median, bool markdown)
    {
        string Met(bool met) => markdown ? (met ? "**met**" : "**not met**") : (met ? "MET" : "NOT MET");
        var rateMet = median.AppliedWall >= MinimumRate;
        var ratioWall = median.AppliedWall / median.ConsumeWall;
        var ratioSteady = median.AppliedFirstToLast / median.ConsumeFirstToLast;
        var bullet = markdown ? "- " : "";
        return string.Create(
            Invariant,
            $"""
            {bullet}≥ 5,000 events/s applied: {Met(rateMet)} — {median.AppliedWall:N0} events/s (wall, start-up included; {median.AppliedFirstToLast:N0}/s first→last); all published at {median.PublishedWall:N0} events/s.
            {bullet}≥ 25 % of the raw consume rate: {Met(ratioWall >= MinimumRatio)} wall-to-wall ({ratioWall:P1} of {median.ConsumeWall:N0}/s); {Met(ratioSteady >= MinimumRatio)} first→last-to-first→last ({ratioSteady:P1} of {median.ConsumeFirstToLast:N0}/s).
            """);
    }

    private static string ConsoleRow(string run, MessagingRates r) => string.Create(
        Invariant,
        $"{run,-8} {r.Produce,11:N0} {r.ConsumeFirstToLast,11:N0} {r.ConsumeWall,11:N0} {r.AppliedWall,13:N0} {r.AppliedFirstToLast,13:N0} {r.PublishedWall,11:N0} {r.RatioWall,11:P1} {r.RatioFirstToLast,11:P1}");

    private static string MarkdownRow(string run, MessagingRates r, bool bold)
    {
        var b = bold ? "**" : "";
        return string.Create(
            Invariant,
            $"| {run} | {b}{r.Produce:N0}{b} | {b}{r.ConsumeFirstToLast:N0}{b} | {b}{r.ConsumeWall:N0}{b} | {b}{r.AppliedWall:N0}{b} | {b}{r.AppliedFirstToLast:N0}{b} | {b}{r.PublishedWall:N0}{b} | {b}{r.RatioWall:P1}{b} | {b}{r.RatioFirstToLast:P1}{b} |");
    }

    private double MedianOfRounds(Func<MessagingRound, double> selector)
    {
        var values = rounds.Select(selector).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private double MedianOf(Func<MessagingRates, double> selector)
    {
        var values = _rates.Select(selector).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private string BusyNote()
    {
        var busy = rounds.Sum(r => r.BusyStarts);
        var disturbed = rounds.Count(r => r.OtherLoad > MessagingBenchmark.DisturbedLoad);
        var text = busy == 0
            ? "every measured phase started on a quiet machine."
            : string.Create(Invariant, $"**{busy} measured phase(s) started while other processes were busy**.");
        text += string.Create(
            Invariant,
            $" A run during which other processes used more than {MessagingBenchmark.DisturbedLoad} cores on average is run again (at most {settings.Repeats} more time(s), keeping the least disturbed attempt); {repeatedRuns} attempt(s) were discarded");
        return text + (disturbed == 0
            ? "; every reported run was undisturbed."
            : string.Create(Invariant, $"; **{disturbed} reported run(s) remained disturbed** (last column of the second table): treat them with care."));
    }

    private string CommandOptions()
    {
        var parts = new List<string>();
        if (settings.Count != 100_000)
        {
            parts.Add(string.Create(Invariant, $"--count {settings.Count}"));
        }

        if (settings.Partitions != 12)
        {
            parts.Add(string.Create(Invariant, $"--partitions {settings.Partitions}"));
        }

        if (settings.Keys != 1000)
        {
            parts.Add(string.Create(Invariant, $"--keys {settings.Keys}"));
        }

        if (settings.Runs != 3)
        {
            parts.Add(string.Create(Invariant, $"--runs {settings.Runs}"));
        }

        parts.AddRange(settings.WorkerSettings.Select(s => $"--set {s.Key}={s.Value}"));
        parts.AddRange(settings.PostgresSettings.Select(s => $"--pg \"{s.Key}={s.Value}\""));
        return parts.Count == 0 ? "" : " " + string.Join(' ', parts);
    }

    private string ExtraSettings()
    {
        var extra = settings.WorkerSettings.Select(s => $"{s.Key}={s.Value}")
            .Concat(settings.PostgresSettings.Select(s => $"connection string {s.Key}={s.Value}"))
            .ToList();
        return extra.Count == 0 ? " (library defaults)" : "; overridden: " + string.Join(", ", extra);
    }
}
