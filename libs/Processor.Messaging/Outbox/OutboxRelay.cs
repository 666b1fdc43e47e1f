using System.Globalization;
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
/// A row the broker refuses for good (<see cref="ProduceErrors"/>) in <see cref="RefusalsBeforeDeadLetter"/> rounds in a
/// row goes to the dead letters and the relay moves past it; any other failure stops the round at that row, so rows are
/// published in order. (One refusal is not trusted: a broker answers a whole request with one error code, and a spurious
/// answer must not dead-letter the good rows sent with it.)
/// </summary>
public sealed partial class OutboxRelay(
    NpgsqlDataSource dataSource,
    MessagingTables tables,
    RelayProducerFactory producerFactory,
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

    /// <summary>The <c>consumer_group</c> of the relay's rows in <c>dead_letters</c> (partition -1, offset = outbox id).</summary>
    public const string DeadLetterGroup = "(outbox relay)";

    /// <summary>How many rounds in a row the first unpublished row must be refused for good before it is dead-lettered.</summary>
    public const int RefusalsBeforeDeadLetter = 5;

    private readonly MessagingOptions _options = messagingOptions.Value;
    private readonly IMessagingObserver[] _observers = observers.ToArray();
    private RelayProducer? _producer;
    private (long RowId, int Rounds) _refusals;

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

    private RelayProducer BuildProducer()
    {
        var config = KafkaClientConfigs.Producer(kafkaOptions.Value, $"{_options.ServiceName}-relay-{Environment.MachineName}");
        // Only each report's error is read: copying keys, values and headers back into .NET for every row is wasted work.
        config.DeliveryReportFields = "status";
        return new RelayProducer(producerFactory, config, logger);
    }

    private async Task RelayWhileLeaderAsync(string schema, RelayProducer producer, CancellationToken stop)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stop);
        var isLeader = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT pg_try_advisory_lock(hashtext('processor.relay.{schema}'))", cancellationToken: stop));
        if (!isLeader)
        {
            return;
        }

        // A commit's notification can arrive while the query below runs (Npgsql reads it then) yet the row be missing from
        // that query's snapshot: waiting after such a query would sleep through the row until the idle wait ran out.
        var notified = false;
        connection.Notification += (_, _) => notified = true;
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {MessagingTables.OutboxChannel(schema)}", cancellationToken: stop));
        var nextPurge = Time.GetUtcNow();
        while (!stop.IsCancellationRequested)
        {
            notified = false;
            if (Time.GetUtcNow() >= nextPurge)
            {
                await PurgeAsync(connection, schema, stop);
                nextPurge = Time.GetUtcNow() + PurgeEvery;
            }

            var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
                $"""
                SELECT id, event_id AS eventid, topic, key, payload, event_type AS eventtype, headers::text AS headersjson FROM {schema}.outbox
                WHERE id > (SELECT published_through FROM {schema}.outbox_relay) ORDER BY id LIMIT @limit
                """,
                new { limit = _options.RelayBatchSize }, cancellationToken: stop))).AsList();
            if (rows.Count == 0)
            {
                if (!notified)
                {
                    await connection.WaitAsync(IdleWait, stop);
                }

                ReportProgress();
                continue;
            }

            var errors = Publish(producer.Current, rows, stop);
            // Rows from the first on are passed while each was delivered or refused for good (confirmed); the first other
            // failure stops the round there, and later rows stay unpublished so order is kept on retry.
            var passed = 0;
            var refused = new List<(OutboxRow Row, Error Error)>();
            while (passed < rows.Count)
            {
                if (errors[passed].Code != ErrorCode.NoError)
                {
                    if (!ProduceErrors.IsPermanent(errors[passed]) || !RefusalConfirmed(rows[passed].Id))
                    {
                        break;
                    }

                    refused.Add((rows[passed], errors[passed]));
                }

                passed++;
            }

            foreach (var observer in _observers)
            {
                observer.RelayDelivered(passed - refused.Count);
            }

            if (passed > 0)
            {
                await MarkPassedAsync(connection, schema, rows[passed - 1].Id, refused, stop);
            }

            foreach (var observer in _observers)
            {
                observer.RelayMarked(passed - refused.Count);
                if (refused.Count > 0)
                {
                    observer.RelayDeadLettered(refused.Count);
                }
            }

            if (passed < rows.Count)
            {
                producer.ReplaceIfFatal(errors[passed]);
                throw new KafkaException(errors[passed]);
            }

            ReportProgress();
        }
    }

    /// <summary>
    /// Moves the relay's position to <paramref name="throughId"/> and, in the same transaction, dead-letters the rows the
    /// broker refused: a <c>dead_letters</c> row each (the whole row) and a notice on <c>&lt;topic&gt;.dlq</c> through the
    /// outbox (headers only, since the bytes themselves were refused). A refused notice is not noticed again.
    /// </summary>
    private async Task MarkPassedAsync(
        NpgsqlConnection connection, string schema, long throughId, List<(OutboxRow Row, Error Error)> refused, CancellationToken stop)
    {
        const string advance = "UPDATE {0}.outbox_relay SET published_through = @id, updated_at = now()";
        if (refused.Count == 0)
        {
            // The common case is one statement: no transaction round trips around it.
            await connection.ExecuteAsync(new CommandDefinition(
                string.Format(CultureInfo.InvariantCulture, advance, schema), new { id = throughId }, cancellationToken: stop));
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync(stop);
        var deadLetters = new List<DeadLetter>();
        var notices = new List<OutboxRecord>();
        foreach (var (row, error) in refused)
        {
            var reason = OutboxRecords.StorableReason($"the broker refused the row: {error.Code}: {error.Reason}");
            LogRowDeadLettered(logger, row.Id, row.EventId, row.Topic, reason);
            deadLetters.Add(new DeadLetter(row.Topic, -1, row.Id, row.EventId, row.EventType, reason, row.Key, row.Payload));
            if (!row.Topic.EndsWith(Contracts.Topics.DeadLetterSuffix, StringComparison.Ordinal))
            {
                notices.Add(OutboxRecords.RefusedRowNotice(schema, row.Id, row.ToRecord(), reason));
            }
        }

        await tables.InsertDeadLettersAsync(transaction, DeadLetterGroup, deadLetters, stop);
        await tables.AppendOutboxAsync(transaction, notices, stop);

        await connection.ExecuteAsync(new CommandDefinition(
            string.Format(CultureInfo.InvariantCulture, advance, schema), new { id = throughId }, transaction, cancellationToken: stop));
        await transaction.CommitAsync(stop);
    }

    /// <summary>Counts a refusal for good of <paramref name="rowId"/>, the first unpublished row; true once it is confirmed.</summary>
    private bool RefusalConfirmed(long rowId)
    {
        _refusals = _refusals.RowId == rowId ? (rowId, _refusals.Rounds + 1) : (rowId, 1);
        return _refusals.Rounds >= RefusalsBeforeDeadLetter;
    }

    /// <returns>Each row's outcome: <see cref="ErrorCode.NoError"/> when delivered, else why it was not.</returns>
    private static Error[] Publish(IProducer<byte[]?, byte[]> producer, List<OutboxRow> rows, CancellationToken stop)
    {
        var errors = new Error[rows.Count];
        var outstanding = rows.Count;
        using var allReported = new ManualResetEventSlim(false);
        void Reported(int index, Error error)
        {
            errors[index] = error;
            if (Interlocked.Decrement(ref outstanding) == 0)
            {
                allReported.Set();
            }
        }

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
            try
            {
                ProduceWithBackpressure(producer, row.Topic, message, report => Reported(index, report.Error));
            }
            catch (KafkaException ex)
            {
                // Refused before it was queued (e.g. larger than message.max.bytes): its outcome is known now.
                Reported(index, ex.Error);
            }
        }

        producer.Flush(stop);
        allReported.Wait(stop);
        return errors;
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} (event {EventId} for {Topic}) dead-lettered: {Reason}")]
    private static partial void LogRowDeadLettered(ILogger logger, long id, Guid eventId, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} published outbox rows past retention")]
    private static partial void LogPurged(ILogger logger, int count);

    private sealed record OutboxRow(long Id, Guid EventId, string Topic, byte[]? Key, byte[] Payload, string EventType, string HeadersJson)
    {
        public OutboxRecord ToRecord() => new(EventId, Topic, Key, Payload, EventType, HeadersJson);
    }
}
