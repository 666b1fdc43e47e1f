using Npgsql;
using Processor.Messaging.Provisioning;
using Processor.Testing;

namespace Processor.Embedded.Tests;

public sealed class TestingFixturesTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PostgresServer_ConnectionString_AnswersAndHostsASchemaPerTest()
    {
        var schema = PostgresServer.CreateSchemaName("Fixture Test");

        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Cancellation);
#pragma warning disable CA2100 // The schema name is generated: [a-z0-9_] only.
        await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}; CREATE TABLE {schema}.t (id int); INSERT INTO {schema}.t VALUES (7);", connection);
        await create.ExecuteNonQueryAsync(Cancellation);
        await using var select = new NpgsqlCommand($"SELECT id FROM {schema}.t", connection);
#pragma warning restore CA2100
        Assert.Equal(7, await select.ExecuteScalarAsync(Cancellation));
        Assert.Same(PostgresServer.ConnectionString, PostgresServer.ConnectionString);
    }

    [Fact]
    public void CreateSchemaName_IsUniqueLowerCaseAndALegalIdentifier()
    {
        var names = Enumerable.Range(0, 100).Select(_ => PostgresServer.CreateSchemaName("My-Tests")).ToList();

        Assert.Equal(100, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^my_tests_[0-9a-f]{16}$", n));
        Assert.Matches("^s_1abc_[0-9a-f]{16}$", PostgresServer.CreateSchemaName("1abc"));
        Assert.True(PostgresServer.CreateSchemaName(new string('x', 100)).Length <= 63);
    }

    [Fact]
    public async Task KafkaBroker_ProvisionerAndUniqueTopic_GiveAWorkingTopic()
    {
        Assert.NotEqual(KafkaBroker.UniqueTopic("same"), KafkaBroker.UniqueTopic("same"));

        var topic = await KafkaBroker.CreateUniqueTopicAsync("fixture", 4, Cancellation);
        await KafkaBroker.Provisioner.EnsureTopicsAsync([new TopicSpec(topic, 4)], Cancellation);

        Assert.StartsWith("fixture-", topic, StringComparison.Ordinal);
        Assert.Equal(4, KafkaClients.PartitionCount(KafkaBroker.BootstrapServers, topic));
        await KafkaClients.AssertRoundTripAsync(KafkaBroker.BootstrapServers, topic, Cancellation);
        Assert.Equal(KafkaBroker.IsReal, KafkaBroker.Embedded is null);
    }
}
