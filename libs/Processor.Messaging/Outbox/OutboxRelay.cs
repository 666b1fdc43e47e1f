using Confluent.Kafka;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Hosting.Periodic;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Kafka;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Outbox;

/// <summary>
/// Publishes outbox rows in id order with an idempotent producer, then moves the schema's relay position past them (one
/// row, <c>outbox_relay</c>). One relay per schema is active at a time (an advisory lock elects it). A crash between
/// delivery and the position update re-sends rows; their event ids are unchanged, so downstream inboxes drop the copies.
/// </summary>
public sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    IOptions<MessagingOptions> messagingOptions,
    IOptions<KafkaOptions> kafkaOptions,
    IEnumerable<IMessagingObserver> observers,
    TimeProvider time,
    ILogger<OutboxRelay> logger)
    : PeriodicTask(
        "outbox-relay",
        // A run is a leadership session: it ends at once when another instance leads, and the interval is how often this one
        // tries to take over. A failed session is retried with the messaging back-off, reset by every successful round.
        new PeriodicSchedule(IdleWait * 2, messagingOptions.Value.RetryBackoff, messagingOptions.Value.MaxRetryBackoff),
        time,
        logger)
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PurgeEvery = TimeSpan.FromHours(1);

    private readonly MessagingOptions _options = messagingOptions.Value;
    private readonly IMessagingObserver[] _observers = observers.ToArray();
    private IProducer<byte[]?, byte[]>? _producer;

    protected override Task RunOnceAsync(CancellationToken cancellationToken) =>
        RelayWhileLeaderAsync(SchemaName.Validate(_options.Schema), _producer ??= BuildProducer(), cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _producer?.Flush(TimeSpan.FromSeconds(5));
    }

    public override void Dispose()
    {
        _producer?.Dispose();
        base.Dispose();
    }

    private IProducer<byte[]?, byte[]> BuildProducer()
    {
        var config = KafkaClientConfigs.Producer(kafkaOptions.Value, $"{_options.ServiceName}-relay-{Environment.MachineName}");
        // Only each report's error is read: copying keys, values and headers back into .NET for every row is wasted work.
        config.DeliveryReportFields = "status";
        return new ProducerBuilder<byte[]?, byte[]>(config)
            .SetErrorHandler((_, error) => LogKafkaError(logger, error.Reason))
            .Build();
    }

    private async Task RelayWhileLeaderAsync(string schema, IProducer<byte[]?, byte[]> producer, CancellationToken stop)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stop);
        var isLeader = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT pg_try_advisory_lock(hashtext('processor.relay.{schema}'))", cancellationToken: stop));
        if (!isLeader)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {MessagingTables.OutboxChannel(schema)}", cancellationToken: stop));
        var nextPurge = Time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            if (Time.GetUtcNow() >= nextPurge)
            {
                await PurgeAsync(connection, schema, stop);
                nextPurge = Time.GetUtcNow() + PurgeEvery;
            }

            var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                $"""
                SELECT id, topic, key, payload, headers::text AS headersjson FROM {schema}.outbox
                WHERE id > (SELECT published_through FROM {schema}.outbox_relay) ORDER BY id LIMIT @limit
                """,
                new { limit = _options.RelayBatchSize }, cancellationToken: stop))).AsList();
            if (rows.Count == 0)
            {
                await connection.WaitAsync(IdleWait, stop);
                ReportProgress();
                continue;
            }

            var delivered = Publish(producer, rows, stop);
            foreach (var observer in _observers)
            {
                observer.RelayDelivered(delivered);
            }

            if (delivered > 0)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    $"UPDATE {schema}.outbox_relay SET published_through = @id, updated_at = now()",
                    new { id = rows[delivered - 1].Id }, cancellationToken: stop));
            }

            foreach (var observer in _observers)
            {
                observer.RelayMarked(delivered);
            }

            if (delivered < rows.Count)
            {
                throw new KafkaException(new Error(ErrorCode.Local_Fail, "outbox delivery failed; the undelivered rows are retried"));
            }

            ReportProgress();
        }
    }

    /// <returns>How many rows, from the first, were delivered before the first failure: later rows stay unpublished so order is kept on retry.</returns>
    private static int Publish(IProducer<byte[]?, byte[]> producer, List<OutboxRow> rows, CancellationToken stop)
    {
        var reports = new DeliveryReport<byte[]?, byte[]>?[rows.Count];
        var outstanding = rows.Count;
        using var allReported = new ManualResetEventSlim(false);
        for (var i = 0; i < rows.Count; i++)
        {
            var index = i;
            var row = rows[i];
            var message = new Message<byte[]?, byte[]>
            {
                Key = row.Key,
                Value = row.Payload,
                Headers = OutboxRecords.ToKafkaHeaders(row.HeadersJson),
            };
            ProduceWithBackpressure(producer, row.Topic, message, report =>
            {
                reports[index] = report;
                if (Interlocked.Decrement(ref outstanding) == 0)
                {
                    allReported.Set();
                }
            });
        }

        producer.Flush(stop);
        allReported.Wait(stop);
        var delivered = 0;
        while (delivered < rows.Count && reports[delivered]!.Error.Code == ErrorCode.NoError)
        {
            delivered++;
        }

        return delivered;
    }

    private static void ProduceWithBackpressure(
        IProducer<byte[]?, byte[]> producer, string topic, Message<byte[]?, byte[]> message, Action<DeliveryReport<byte[]?, byte[]>> onDelivery)
    {
        while (true)
        {
            try
            {
                producer.Produce(topic, message, onDelivery);
                return;
            }
            catch (ProduceException<byte[]?, byte[]> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
            {
                producer.Poll(TimeSpan.FromMilliseconds(100));
            }
        }
    }

    private async Task PurgeAsync(NpgsqlConnection connection, string schema, CancellationToken stop)
    {
        var purged = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            DELETE FROM {schema}.outbox
            WHERE id <= (SELECT published_through FROM {schema}.outbox_relay) AND created_at < now() - @retention
            """,
            new { retention = _options.OutboxRetention }, cancellationToken: stop));
        if (purged > 0)
        {
            LogPurged(logger, purged);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Kafka producer: {Reason}")]
    private static partial void LogKafkaError(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} published outbox rows past retention")]
    private static partial void LogPurged(ILogger logger, int count);

    private sealed record OutboxRow(long Id, string Topic, byte[]? Key, byte[] Payload, string HeadersJson);
}
