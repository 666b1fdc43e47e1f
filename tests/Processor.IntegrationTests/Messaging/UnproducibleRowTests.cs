using System.Text;
using System.Text.Json;
using Dapper;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>
/// An outbox row the broker refuses for good goes to the dead letters and the relay moves on in order; an event too
/// large to ever be produced is refused when it is appended.
/// </summary>
public sealed class UnproducibleRowTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RowLargerThanTheBrokerTakes_IsDeadLettered_AndTheRowsAroundItArePublishedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("unproducible", partitions: 1);
        await topics.CreateAsync(ct);
        await KafkaBroker.Provisioner.EnsureTopicsAsync([new(topics.Output + ".dlq", 1)], ct);
        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);
        var before = EventIds.NewFact();
        var tooLarge = EventIds.NewFact();
        var after = EventIds.NewFact();

        // Written past the append-time bound, as a row from before that bound existed (or a smaller broker limit) would be.
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await connection.ExecuteAsync(
                $"""
                INSERT INTO {config.Schema}.outbox (event_id, topic, key, payload, event_type, headers)
                SELECT x.i, @topic, convert_to('k', 'UTF8'), x.p, 'processor.testing.v1.CounterChanged',
                       jsonb_build_object('event-id', x.i::text, 'event-type', 'processor.testing.v1.CounterChanged')
                FROM unnest(@ids::uuid[], @payloads::bytea[]) WITH ORDINALITY AS x(i, p, n) ORDER BY x.n
                """,
                new { topic = topics.Output, ids = new[] { before, tooLarge, after }, payloads = new[] { new byte[] { 1 }, new byte[1_500_000], [2] } });
        }

        Assert.True(await CounterState.EventuallyAsync(async () => await state.UnpublishedAsync() == 0, Timeout));
        var published = CounterTopics.ReadAll(topics.Output, r => r.Count >= 2, Timeout);
        Assert.Equal(
            [before.ToString(), after.ToString()],
            published.Select(r => CounterTopics.Header(r, MessageHeaders.EventId)).ToArray());
        var deadLetter = Assert.Single(CounterTopics.ReadAll(topics.Output + ".dlq", r => r.Count >= 1, Timeout));
        Assert.Equal(tooLarge.ToString(), CounterTopics.Header(deadLetter, MessageHeaders.EventId));
        Assert.Contains("too large", CounterTopics.Header(deadLetter, MessageHeaders.DlqReason), StringComparison.OrdinalIgnoreCase);
        await using (var connection = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            var row = await connection.QuerySingleAsync<(Guid EventId, string Topic, int Payload)>(
                $"SELECT event_id, topic, length(payload) FROM {config.Schema}.dead_letters");
            Assert.Equal((tooLarge, topics.Output, 1_500_000), row);
        }
    }

    [Fact]
    public async Task AppendingAnEventLargerThanTheBound_FailsTheCallersTransaction()
    {
        var ct = TestContext.Current.CancellationToken;
        var schema = PostgresServer.CreateSchemaName("event_bound");
        var topics = new CounterTopics("event-bound", partitions: 1);
        var config = CounterWorkerConfig.Create(topics) with { Schema = schema };
        await topics.CreateAsync(ct);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);
        var facts = new OutboxFactPublisher(new MessagingTables(schema, maxEventBytes: 10_000), TimeProvider.System);
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var tooLarge = new BytesValue { Value = ByteString.CopyFrom(new byte[10_001]) };

        var error = await Assert.ThrowsAsync<EventTooLargeException>(
            () => facts.AppendAsync(transaction, topics.Output, "k", "test/too-large", tooLarge, ct));

        Assert.Contains("Messaging:MaxEventBytes (10000)", error.Message, StringComparison.Ordinal);
        Assert.Contains("split", error.Message, StringComparison.Ordinal);
    }
}
