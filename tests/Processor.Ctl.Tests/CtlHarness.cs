using System.Net;
using System.Net.Sockets;
using Confluent.Kafka;
using Dapper;
using Npgsql;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Storage;
using Processor.Testing;

namespace Processor.Ctl.Tests;

/// <summary>What one run of the CLI printed and returned.</summary>
public sealed record CtlResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}

/// <summary>Runs processorctl's real entry point in this process, and reads what the tests compare.</summary>
public static class CtlHarness
{
    /// <summary>Runs the CLI with an empty environment (nothing leaks in from the machine).</summary>
    public static async Task<CtlResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await Cli.RunAsync(
            args, output, error, name => environment?.GetValueOrDefault(name), TestContext.Current.CancellationToken);
        return new CtlResult(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs the CLI against the test Postgres server and Kafka broker.</summary>
    public static Task<CtlResult> RunAsync(params string[] args) =>
        RunAsync(null, [.. args, "--postgres", PostgresServer.ConnectionString, "--bootstrap", KafkaBroker.BootstrapServers]);

    /// <summary>replay/status options that point the CLI at a counter worker's schema and group.</summary>
    public static string[] Worker(CounterWorkerConfig config) => ["worker", "--schema", config.Schema, "--group", config.Group];

    public static async Task<List<StoredPosition>> PositionsAsync(CounterWorkerConfig config)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();
        return [.. await new MessagingTables(config.Schema).ReadPositionsAsync(connection, config.Group, CancellationToken.None)];
    }

    public static async Task<Dictionary<Guid, (string Key, long Sequence, long Total, long TimesSeen)>> ChangesSeenAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        var rows = await connection.QueryAsync<(Guid EventId, string Key, long Sequence, long Total, long TimesSeen)>(
            $"SELECT event_id, key, sequence, total, times_seen FROM {schema}.changes_seen");
        return rows.ToDictionary(r => r.EventId, r => (r.Key, r.Sequence, r.Total, r.TimesSeen));
    }

    /// <summary>The database server's clock (UTC), which stamps the inbox rows.</summary>
    public static async Task<DateTime> DatabaseNowAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        return await connection.ExecuteScalarAsync<DateTime>("SELECT now()");
    }

    /// <summary>The earliest time a row of the inbox was received (null if empty).</summary>
    public static async Task<DateTime?> FirstReceivedAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        return await connection.ExecuteScalarAsync<DateTime?>($"SELECT min(received_at) FROM {schema}.inbox");
    }

    /// <summary>Each partition's high watermark (the next offset to be written).</summary>
    public static Dictionary<int, long> EndOffsets(string topic, int partitions)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = KafkaBroker.BootstrapServers,
            GroupId = "watermarks-" + Guid.NewGuid().ToString("N"),
        }).Build();
        return Enumerable.Range(0, partitions).ToDictionary(
            p => p, p => consumer.QueryWatermarkOffsets(new TopicPartition(topic, p), TimeSpan.FromSeconds(10)).High.Value);
    }

    /// <summary>A loopback port nothing listens on (bound once, then released).</summary>
    public static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The cells of the rows of a printed table whose second column is <paramref name="topic"/>.</summary>
    public static List<string[]> RowsFor(string output, string topic) =>
        output.Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length > 1 && cells[1] == topic)
            .ToList();
}
