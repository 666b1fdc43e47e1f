using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Consuming;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>Dead-lettering is fenced by the replay generation exactly like applying: it never undoes an operator's rewind.</summary>
public sealed class DeadLetterReplayTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DeadLetterOfABatchFetchedBeforeARewind_KeepsTheRewoundPosition()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("dlq-replay", partitions: 1);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);
        // The worker's own consumer reads nothing of this topic: the applier below plays a consumer that fetched these
        // records at generation 0, and the operator rewinds the partition to 0 under generation 1 while they are in flight.
        var source = new CounterTopics("dlq-replay-src", partitions: 1);
        await source.CreateAsync(ct);
        await source.ProduceAsync(CounterTopics.Increments(3, keys: 1), ct);
        var inFlight = CounterTopics.ReadAll(source.Input, r => r.Count == 3, Timeout);
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.ExecuteAsync(
                $"""
                INSERT INTO {config.Schema}.consumer_offsets (consumer_group, topic, partition, next_offset, generation)
                VALUES (@group, @topic, 0, 0, 1)
                """,
                new { group = config.Group, topic = source.Input });
        }

        var applier = worker.Services.GetRequiredService<BatchApplier>();
        var result = await applier.DeadLetterAsync(inFlight[2], "poison", new Dictionary<TopicPartition, long>(), ct);

        Assert.Equal(0, result.DeadLettered);
        Assert.Equal(1, Assert.Single(result.Rewinds).Generation);

        Assert.Equal(0, await state.NextOffsetAsync(config.Group, source.Input, 0));
        Assert.Equal(0, await state.CountAsync("dead_letters"));
    }
}
