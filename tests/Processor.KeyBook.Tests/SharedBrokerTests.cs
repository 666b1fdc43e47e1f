using System.Globalization;
using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.Embedded;
using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;
using Processor.Testing;
using static Processor.KeyBook.Tests.KeyBookServices;

namespace Processor.KeyBook.Tests;

/// <summary>
/// Two validators' reporters (processes) on one broker and one Postgres server, each with its own database and topic
/// namespace: each learns only the keys published in its own namespace, and stores offsets under its own group.
/// </summary>
public sealed class SharedBrokerTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly string _network = "bitcoin-t" + Guid.NewGuid().ToString("N")[..12];
    private readonly List<ChildProcess> _processes = [];
    private readonly List<string> _databases = [];
    private EmbeddedKafkaControlServer? _control;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        if (!KafkaBroker.IsReal)
        {
            _control = await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        await using (var server = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            foreach (var database in _databases)
            {
                await server.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
    }

    [Fact]
    public async Task ReportersInTwoNamespaces_EachLearnOnlyTheKeysOfTheirOwnNamespace()
    {
        var a = await StartReporterAsync("validator-a");
        var b = await StartReporterAsync("validator-b");
        var (pairA, pairB) = (NewKeyPair(10), NewKeyPair(20));

        await EventProducer.PublishAsync(a.Topics.SignerKeys, "1", Generated(1, pairA), Cancel);
        await EventProducer.PublishAsync(b.Topics.SignerKeys, "1", Generated(1, pairB), Cancel);
        await EventProducer.PublishAsync(b.Topics.SignerKeys, "2", Generated(2, NewKeyPair(30)), Cancel);

        var keysA = await WaitForKeysAsync(a, count: 1);
        var keysB = await WaitForKeysAsync(b, count: 2);
        Assert.Equal([Convert.ToHexString(pairA.SubstrateKey.ToByteArray())], keysA.Select(k => Convert.ToHexString(k.SubstrateKey)));
        Assert.Equal(Convert.ToHexString(pairB.SubstrateKey.ToByteArray()), Convert.ToHexString(keysB[0].SubstrateKey));

        foreach (var validator in new[] { a, b })
        {
            await using var connection = new NpgsqlConnection(validator.ConnectionString);
            var offsets = (await connection.QueryAsync<(string Group, string Topic, long Next)>(
                "SELECT consumer_group, topic, next_offset FROM reporter.consumer_offsets")).ToList();
            var group = validator.Topics.ConsumerGroupOf(ServiceCatalog.Reporter);
            Assert.All(offsets, o => Assert.Equal(group, o.Group));
            Assert.Contains(validator.Topics.SignerKeys, offsets.Select(o => o.Topic));
            Assert.All(offsets, o => Assert.StartsWith(validator.Topics.Namespace + ".", o.Topic, StringComparison.Ordinal));
            Assert.StartsWith(validator.Topics.Namespace + ".processor.reporter", group, StringComparison.Ordinal);
        }
    }

    private sealed record Validator(NetworkTopics Topics, string ConnectionString, ChildProcess Process);

    private async Task<Validator> StartReporterAsync(string topicNamespace)
    {
        var database = PostgresServer.CreateSchemaName(topicNamespace);
        await using (var server = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await server.ExecuteAsync($"CREATE DATABASE {database}");
        }

        _databases.Add(database);

        var connectionString = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = database }.ConnectionString;
        var topics = Topics.For(_network, topicNamespace);
        // Created before anything is published to them; the reporter would create them too, but only once it runs.
        await KafkaBroker.Provisioner.EnsureTopicsAsync([.. topics.All.Select(t => new TopicSpec(t.Name, t.Partitions))], Cancel);
        var environment = TestServiceEnvironment.OnTestBroker(_network, _control, LoopbackPorts.GetFreePort());
        environment["ConnectionStrings__Postgres"] = connectionString;
        environment["Kafka__SessionTimeoutMs"] = "3000";
        environment["Processor__TopicNamespace"] = topicNamespace;

        var process = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Reporter"), environment: environment);
        _processes.Add(process);
        return new Validator(topics, connectionString, process);
    }

    /// <summary>Polls the validator's key book until it holds <paramref name="count"/> keys; fails if the reporter exits or time runs out.</summary>
    private async Task<IReadOnlyList<KnownKey>> WaitForKeysAsync(Validator validator, int count)
    {
        var store = new KeyBookStore(new Messaging.Storage.MessagingTables(ServiceCatalog.Reporter.PostgresSchema));
        var deadline = DateTime.UtcNow + Timeout;
        IReadOnlyList<KnownKey> keys = [];
        while (DateTime.UtcNow < deadline && !validator.Process.HasExited)
        {
            await using var connection = new NpgsqlConnection(validator.ConnectionString);
            await connection.OpenAsync(Cancel);
            var migrated = await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('reporter.keys') IS NOT NULL");
            keys = migrated ? await store.ListAsync(connection, Cancel) : [];
            if (keys.Count >= count)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), Cancel);
        }

        output.WriteLine($"{validator.Topics.Namespace}: {keys.Count} key(s)\n{validator.Process.Output}");
        Assert.True(keys.Count == count, $"{validator.Topics.Namespace} learnt {keys.Count} key(s), expected {count}:\n{validator.Process.Output}");
        return keys;
    }
}
