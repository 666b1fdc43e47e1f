using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Storage;
using Processor.Messaging.TestWorker.V1;
using Processor.Messaging.TestWorker;
using Processor.Messaging;

namespace Processor.Benchmarks.Messaging;

/// <summary>What the exactly-once phase took.</summary>
/// <param name="StartToApplied">From building the worker's host until the commit that made the N-th record applied.</param>
/// <param name="FirstToLastApplied">From the first commit until the last one (the records of the first batch excluded).</param>
/// <param name="StartToPublished">From building the host until the relay marked the last outbox row published.</param>
/// <param name="Commits">Consumer transactions committed (N / Commits = mean batch size).</param>
/// <param name="FirstBatch">Records applied by the first commit.</param>
/// <param name="Cpu">CPU time over the phase of this process (worker, broker, harness), of the Postgres server, and of
/// everything else on the machine.</param>
internal sealed record ExactlyOnceResult(
    TimeSpan StartToApplied,
    TimeSpan FirstToLastApplied,
    TimeSpan StartToPublished,
    int Commits,
    int FirstBatch,
    CpuUse Cpu);

/// <summary>The worker settings of one exactly-once phase.</summary>
internal sealed record ExactlyOnceSetup(
    string Bootstrap,
    int PostmasterPid,
    string ConnectionString,
    string InputTopic,
    string OutputTopic,
    string Schema,
    string Group,
    IReadOnlyList<KeyValuePair<string, string>> ExtraSettings);

/// <summary>
/// The exactly-once path: the counter worker (<c>AddProcessorMessaging</c> + <see cref="CounterIncrementedHandler"/>) hosted in
/// this process, in its own schema and group, consuming a pre-produced topic. Progress is observed through
/// <see cref="IMessagingObserver"/> (called right after each commit and each relay marking), so the harness adds no load
/// to Postgres while it measures; the tables and the output topic are checked afterwards.
/// </summary>
internal static class ExactlyOncePhase
{
    public static async Task<ExactlyOnceResult> RunAsync(ExactlyOnceSetup setup, int expected, TimeSpan timeout)
    {
        var probe = new ThroughputProbe(expected);
        var cpuBefore = CpuSnapshot.Take(setup.PostmasterPid);
        var start = Stopwatch.GetTimestamp();
        using var host = Build(setup, probe);
        await host.StartAsync();
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            await probe.Applied.WaitAsync(cancel.Token);
            await probe.Published.WaitAsync(cancel.Token);
            var published = await WaitUntilNothingUnpublishedAsync(setup, probe.AllMarkedAt, cancel.Token);
            var cpu = CpuSnapshot.Take(setup.PostmasterPid).Since(cpuBefore);
            return new ExactlyOnceResult(
                Stopwatch.GetElapsedTime(start, probe.AllAppliedAt),
                Stopwatch.GetElapsedTime(probe.FirstCommitAt, probe.AllAppliedAt),
                Stopwatch.GetElapsedTime(start, published),
                probe.Commits,
                probe.FirstBatch,
                cpu);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException(
                $"exactly-once phase: {probe.AppliedCount} of {expected} applied, {probe.MarkedCount} published after {timeout}");
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The effective messaging options and Npgsql <c>Max Auto Prepare</c> of a worker with these settings (for the report).</summary>
    public static (MessagingOptions Options, int MaxAutoPrepare) EffectiveSettings(ExactlyOnceSetup setup)
    {
        using var host = Build(setup, new ThroughputProbe(0));
        var dataSource = host.Services.GetRequiredService<NpgsqlDataSource>();
        return (
            host.Services.GetRequiredService<IOptions<MessagingOptions>>().Value,
            new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
    }

    /// <summary>Checks what the phase left behind: every record applied once, every event published once; then drops the schema.</summary>
    public static async Task<IReadOnlyList<string>> VerifyAndDropAsync(ExactlyOnceSetup setup, int expected)
    {
        var problems = new List<string>();
        await using (var connection = new NpgsqlConnection(setup.ConnectionString))
        {
            var s = setup.Schema;
            var applied = await connection.ExecuteScalarAsync<long>($"SELECT coalesce(sum(applied), 0)::bigint FROM {s}.counters");
            var inbox = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {s}.inbox");
            var outbox = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {s}.outbox");
            var unpublished = await new MessagingTables(s).CountUnpublishedAsync(connection, CancellationToken.None);
            var deadLetters = await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {s}.dead_letters");
            var positions = await connection.ExecuteScalarAsync<long>(
                $"SELECT coalesce(sum(next_offset), 0)::bigint FROM {s}.consumer_offsets WHERE consumer_group = @group",
                new { group = setup.Group });
            Expect(problems, "sum(counters.applied)", applied, expected);
            Expect(problems, "inbox rows", inbox, expected);
            Expect(problems, "outbox rows", outbox, expected);
            Expect(problems, "unpublished outbox rows", unpublished, 0);
            Expect(problems, "dead letters", deadLetters, 0);
            Expect(problems, "sum of stored next offsets", positions, expected);
            await connection.ExecuteAsync($"DROP SCHEMA {s} CASCADE");
        }

        var (records, nothingDropped) = RawKafka.Watermarks(setup.Bootstrap, setup.OutputTopic);
        Expect(problems, "records in the output topic", records, expected);
        if (!nothingDropped)
        {
            problems.Add("the output topic lost records to the broker's per-partition cap");
        }

        return problems;
    }

    private static void Expect(List<string> problems, string what, long actual, long expected)
    {
        if (actual != expected)
        {
            problems.Add($"{what}: {actual}, expected {expected}");
        }
    }

    private static IHost Build(ExactlyOnceSetup setup, ThroughputProbe probe)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = setup.ConnectionString,
            ["Kafka:BootstrapServers"] = setup.Bootstrap,
            ["Messaging:Schema"] = setup.Schema,
            ["Messaging:ConsumerGroup"] = setup.Group,
            ["Messaging:ServiceName"] = "bench-worker",
            ["Worker:Role"] = WorkerRoles.Counter,
            ["Worker:InputTopic"] = setup.InputTopic,
            ["Worker:OutputTopic"] = setup.OutputTopic,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in setup.ExtraSettings)
        {
            settings[key] = value;
        }

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();
        var worker = builder.Configuration.GetSection("Worker").Get<WorkerSettings>()
            ?? throw new InvalidOperationException("Worker settings are missing");
        builder.Services.AddSingleton(worker);
        builder.Services.AddSingleton<IMessagingObserver>(probe);
        builder.AddProcessorMessaging("bench").AddWorkerRole(worker);
        return builder.Build();
    }

    // The relay counts the rows it marked; a re-sent row would count twice, so the table has the last word. Returns when the
    // last row was marked: normally the probe's time, else when the table was first seen with no unpublished row.
    private static async Task<long> WaitUntilNothingUnpublishedAsync(
        ExactlyOnceSetup setup, long markedAt, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(setup.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        var tables = new MessagingTables(setup.Schema);
        if (await tables.CountUnpublishedAsync(connection, cancellationToken) == 0)
        {
            return markedAt;
        }

        do
        {
            await Task.Delay(10, cancellationToken);
        }
        while (await tables.CountUnpublishedAsync(connection, cancellationToken) > 0);
        return Stopwatch.GetTimestamp();
    }

    /// <summary>Counts what the worker reports through <see cref="IMessagingObserver"/> and notes when the totals reach N.</summary>
    private sealed class ThroughputProbe(int expected) : IMessagingObserver
    {
        private readonly TaskCompletionSource _applied = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _published = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private long _appliedCount;
        private long _markedCount;
        private int _commits;

        public Task Applied => _applied.Task;

        public Task Published => _published.Task;

        public long AppliedCount => Interlocked.Read(ref _appliedCount);

        public long MarkedCount => Interlocked.Read(ref _markedCount);

        public int Commits => Volatile.Read(ref _commits);

        public int FirstBatch { get; private set; }

        public long FirstCommitAt { get; private set; }

        public long AllAppliedAt { get; private set; }

        public long AllMarkedAt { get; private set; }

        public void Committed(int records)
        {
            var now = Stopwatch.GetTimestamp();
            if (Interlocked.Increment(ref _commits) == 1)
            {
                FirstCommitAt = now;
                FirstBatch = records;
            }

            var total = Interlocked.Add(ref _appliedCount, records);
            if (total >= expected && total - records < expected)
            {
                AllAppliedAt = now;
                _applied.TrySetResult();
            }
        }

        public void RelayMarked(int records)
        {
            var now = Stopwatch.GetTimestamp();
            var total = Interlocked.Add(ref _markedCount, records);
            if (total >= expected && total - records < expected)
            {
                AllMarkedAt = now;
                _published.TrySetResult();
            }
        }
    }
}
