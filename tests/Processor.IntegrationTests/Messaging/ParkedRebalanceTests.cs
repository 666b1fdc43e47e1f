using Confluent.Kafka;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>A parked partition that is revoked and then assigned back to the same consumer is consumed again.</summary>
public sealed class ParkedRebalanceTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ParkedPartitionRevokedAndAssignedBack_IsAppliedOnceThePreconditionHolds()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("park-rebalance", partitions: 2);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics) with { ParkGate = new ParkGate("gated", "gate") };
        var state = new CounterState(config.Schema);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);
        await topics.ProduceRawAsync(0, [Record("k0")], ct);
        await topics.ProduceRawAsync(1, [Record("k1")], ct);
        Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 2, Timeout));
        // Both partitions park, so whichever one the rebalance below moves is a parked one.
        await topics.ProduceRawAsync(0, [Record("gated-a")], ct);
        await topics.ProduceRawAsync(1, [Record("gated-b")], ct);
        await Task.Delay(TimeSpan.FromSeconds(1), ct);

        var taken = JoinTakeAPartitionAndLeave(config.Group, topics.Input);

        Assert.Single(taken);
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.ExecuteAsync($"INSERT INTO {config.Schema}.counters (key, total, applied) VALUES ('gate', 0, 0)");
        }

        Assert.True(await CounterState.EventuallyAsync(
            async () => await state.NextOffsetAsync(config.Group, topics.Input, 0) == 2
                        && await state.NextOffsetAsync(config.Group, topics.Input, 1) == 2,
            Timeout));
        var counters = await state.CountersAsync();
        Assert.Equal((1L, 1L), counters["gated-a"]);
        Assert.Equal((1L, 1L), counters["gated-b"]);
    }

    /// <summary>A second member joins the group (which revokes one partition from the worker), then leaves again.</summary>
    private static List<TopicPartition> JoinTakeAPartitionAndLeave(string group, string topic)
    {
        using var member = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = KafkaBroker.BootstrapServers,
            GroupId = group,
            EnableAutoCommit = false,
            PartitionAssignmentStrategy = PartitionAssignmentStrategy.CooperativeSticky,
            SessionTimeoutMs = 3000,
        }).Build();
        member.Subscribe(topic);
        var deadline = DateTime.UtcNow + Timeout;
        while (member.Assignment.Count == 0 && DateTime.UtcNow < deadline)
        {
            member.Consume(TimeSpan.FromMilliseconds(200));
        }

        var taken = member.Assignment.ToList();
        member.Close();
        return taken;
    }

    private static Message<byte[]?, byte[]?> Record(string key) =>
        CounterTopics.Record(
            EventIds.NewFact(), CounterIncremented.Descriptor.FullName,
            new CounterIncremented { Key = key, Amount = 1, Sequence = 0 }.ToByteArray(), key);
}
