using System.Globalization;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Embedded;
using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;
using Processor.Testing;
using static Processor.Reporter.Tests.Support.ScannedChain;

namespace Processor.Reporter.Tests;

/// <summary>
/// The reporter as a process on the broker: it shares the coordinator's command topic with the signer, so it moves past the
/// signer's commands, and a SubstrateBlock that comes before its external block waits (parks) without blocking the scanned
/// blocks it needs, then is acknowledged once.
/// </summary>
public sealed class ReporterProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = PostgresServer.CreateSchemaName("reporterproc");
    private readonly NetworkTopics _topics = Topics.For("bitcoin-r" + Guid.NewGuid().ToString("N")[..12], null);
    private EmbeddedKafkaControlServer? _control;
    private ChildProcess? _process;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string ConnectionString => new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Database = _database }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        if (!KafkaBroker.IsReal)
        {
            _control = await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0);
        }

        await using (var server = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await server.ExecuteAsync($"CREATE DATABASE {_database}");
        }

        await KafkaBroker.Provisioner.EnsureTopicsAsync([.. _topics.All.Select(t => new TopicSpec(t.Name, t.Partitions))], Cancel);
        var environment = TestServiceEnvironment.OnTestBroker(_topics.Network, _control, LoopbackPorts.GetFreePort());
        environment["ConnectionStrings__Postgres"] = ConnectionString;
        environment["Kafka__SessionTimeoutMs"] = "3000";

        _process = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Reporter"), environment: environment);
    }

    public async ValueTask DisposeAsync()
    {
        output.WriteLine(_process?.Output ?? "");
        _process?.Dispose();
        await using (var server = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await server.ExecuteAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignersCommandsPass_AndAnEarlySubstrateBlockWaitsForItsBlock_ThenIsAcknowledgedOnce()
    {
        var key = KeyOf(1);
        var serai = new SubstrateBlock { SeraiBlockNumber = 1, LatestFinalizedExternalBlock = ByteString.CopyFrom(Hash(100)) };
        serai.BatchIds.Add(0);
        await EventProducer.PublishAsync(_topics.CoordinatorCommands, _topics.Network, new GenerateKey { Session = 1, Threshold = 1 }, Cancel);
        await EventProducer.PublishAsync(_topics.CoordinatorCommands, _topics.Network, serai, Cancel);

        foreach (var (id, part) in new[] { Own(100), OfKey(100, key, activates: true, [External(1, 60_000, Transfer(1))]) })
        {
            await EventProducer.PublishAsync(_topics.ScannerBlocks, _topics.Network, part, Cancel, id);
        }

        var acknowledged = await TopicReader.ReadAtLeastAsync(_topics.ReporterAcknowledgements, OutputsAcknowledged.Parser, 1);
        var batch = Assert.Single(await TopicReader.ReadAtLeastAsync(_topics.ProcessorEvents, Batch.Parser, 1));
        Assert.Equal(Hash(100), batch.Message.ExternalBlockHash.ToByteArray());
        var only = Assert.Single(acknowledged);
        Assert.Equal([100ul], only.Message.Blocks.Select(b => b.Height));
        await using var connection = new NpgsqlConnection(ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM reporter.dead_letters"));
    }
}
