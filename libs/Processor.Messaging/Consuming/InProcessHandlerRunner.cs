using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Consuming;

/// <summary>What an in-process delivery did: how many events the handler applied, a park, and the outbox rows it appended.</summary>
/// <param name="Applied">Events handed to the handler; an event id already in the inbox is dropped, as on a redelivery.</param>
/// <param name="ParkReason">Set when the handler parked; nothing was appended then (the consumer would roll back).</param>
/// <param name="Emitted">The outbox rows appended in the caller's transaction, in order.</param>
public sealed record HandlerInvocation(int Applied, string? ParkReason, IReadOnlyList<OutboxRecord> Emitted);

/// <summary>
/// Runs a service's registered handlers in-process on a caller's transaction, through the parts the consumer's
/// <see cref="BatchApplier"/> uses (the record as the relay publishes it, decoding, inbox, handler run, outbox) but with
/// no broker and no stored offsets: for handler tests against a real schema.
/// </summary>
public sealed class InProcessHandlerRunner
{
    private readonly MessagingTables _tables;
    private readonly RecordDecoder _decoder;
    private readonly IServiceScopeFactory _scopes;
    private readonly SchemaMigrator _migrator;
    private readonly MessagingStartupPlan _plan;
    private readonly MessagingOptions _options;
    private readonly TimeProvider _time;

    private InProcessHandlerRunner(IServiceProvider services)
    {
        _tables = services.GetRequiredService<MessagingTables>();
        _decoder = services.GetRequiredService<RecordDecoder>();
        _scopes = services.GetRequiredService<IServiceScopeFactory>();
        _migrator = services.GetRequiredService<SchemaMigrator>();
        _plan = services.GetRequiredService<MessagingStartupPlan>();
        _options = services.GetRequiredService<IOptions<MessagingOptions>>().Value;
        _time = services.GetRequiredService<TimeProvider>();
    }

    /// <summary>The runner of the service whose messaging <paramref name="services"/> holds (<c>AddProcessorMessaging</c>).</summary>
    public static InProcessHandlerRunner From(IServiceProvider services) => new(services);

    /// <summary>Applies the messaging tables and the service's migrations to its schema, as the service does at start-up.</summary>
    public Task MigrateAsync(CancellationToken cancellationToken) =>
        _migrator.MigrateAsync(_options.Schema, _plan.MigrationAssemblies, cancellationToken);

    /// <summary>
    /// Delivers <paramref name="events"/> (one message type, in order: a batch handler gets them in one call) to their
    /// handler in <paramref name="transaction"/>, and appends what it emitted to the outbox. The caller commits or rolls back.
    /// </summary>
    /// <exception cref="PoisonMessageException">An event cannot be decoded or handled here, or the handler found it invalid.</exception>
    public async Task<HandlerInvocation> DeliverAsync(
        NpgsqlTransaction transaction, IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        var now = _time.GetUtcNow();
        var handled = events.Select((e, offset) => _decoder.Decode(AsConsumed(e, offset, now)) switch
        {
            DecodedRecord.Handled h => h,
            DecodedRecord.Poison p => throw new PoisonMessageException(p.Reason),
            _ => throw new ArgumentException($"{e.EventType} is left to other services: no handler of this service runs it.", nameof(events)),
        }).ToList();
        var firstDeliveries = await _tables.InsertInboxAsync(
            transaction, _options.ConsumerGroup, handled.Select(h => h.Event).ToList(), cancellationToken);

        await using var scope = _scopes.CreateAsyncScope();
        using var run = new HandlerRun(transaction, _options.ConsumerGroup);
        foreach (var record in handled.Where(h => firstDeliveries.Remove(h.Event.EventId)))
        {
            if (!run.Accepts(record.Binding))
            {
                throw new ArgumentException("Deliver events of one message type per call, as the consumer runs them.", nameof(events));
            }

            run.Add(record);
        }

        var outbox = new List<OutboxRecord>();
        var (parked, applied) = await run.RunAsync(scope.ServiceProvider, outbox, now, cancellationToken);
        if (parked is not null)
        {
            return new HandlerInvocation(0, parked.Reason, []);
        }

        await _tables.AppendOutboxAsync(transaction, outbox, cancellationToken);
        return new HandlerInvocation(applied, null, outbox);
    }

    // The record as the broker would hand it over: what the outbox relay publishes, at an offset of a single partition.
    private static ConsumeResult<byte[]?, byte[]?> AsConsumed(OutgoingEvent outgoing, int offset, DateTimeOffset now)
    {
        var message = EventEnvelopes.ToKafkaMessage(outgoing, now);
        return new ConsumeResult<byte[]?, byte[]?>
        {
            Topic = outgoing.Topic,
            Partition = new Partition(0),
            Offset = new Offset(offset),
            Message = new Message<byte[]?, byte[]?>
            {
                Key = message.Key, Value = message.Value, Headers = message.Headers, Timestamp = new Timestamp(now),
            },
        };
    }
}
