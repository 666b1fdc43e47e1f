using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Processor.Messaging.Outbox;
using Processor.Messaging.Storage;

namespace Processor.Messaging.Consuming;

/// <summary>How applying a set of records ended.</summary>
public sealed record ApplyResult(
    int Applied,
    int DeadLettered,
    IReadOnlyDictionary<TopicPartition, long> NextOffsets,
    IReadOnlyList<StoredPosition> Rewinds,
    ParkedRecord? Parked)
{
    public static readonly ApplyResult Nothing = new(0, 0, new Dictionary<TopicPartition, long>(), [], null);
}

/// <summary>A record whose handler asked to wait for a local precondition.</summary>
public sealed record ParkedRecord(TopicPartition Partition, long Offset, string Reason);

/// <summary>
/// Applies consumed records in one Postgres transaction: fences on the stored offsets, drops ids already in the inbox,
/// runs the handlers, appends their events and any dead letters to the outbox, and advances the offsets — all or nothing.
/// </summary>
public sealed class BatchApplier(
    NpgsqlDataSource dataSource,
    MessagingTables tables,
    RecordDecoder decoder,
    IServiceScopeFactory scopes,
    string consumerGroup,
    TimeProvider time)
{
    /// <summary>
    /// Applies <paramref name="records"/> (in log order). <paramref name="knownGenerations"/> holds, per partition, the
    /// replay generation this consumer positioned itself at; a different stored generation means an operator rewound the
    /// partition, which is reported as a rewind instead of being applied. If a handler parks, the whole call rolls back
    /// and returns the parked record: callers then apply the records one at a time to keep what precedes it.
    /// </summary>
    public async Task<ApplyResult> ApplyAsync(
        IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records,
        IReadOnlyDictionary<TopicPartition, long> knownGenerations,
        CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return ApplyResult.Nothing;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var partitions = records.Select(r => (r.Topic, r.Partition.Value)).Distinct().Order().ToList();
        var positions = await tables.LockPositionsAsync(transaction, consumerGroup, partitions, cancellationToken);

        var rewinds = Rewound(positions, knownGenerations);
        var rewound = rewinds.Select(p => (p.Topic, p.Partition)).ToHashSet();
        var fresh = records
            .Where(r => !rewound.Contains((r.Topic, r.Partition.Value))
                        && r.Offset.Value >= positions[(r.Topic, r.Partition.Value)].NextOffset)
            .Select(decoder.Decode)
            .ToList();

        var handled = fresh.OfType<DecodedRecord.Handled>().ToList();
        var firstDeliveries = await tables.InsertInboxAsync(
            transaction, consumerGroup, handled.Select(h => h.Event).ToList(), cancellationToken);

        var outbox = new List<OutboxRecord>();
        var deadLetters = new List<DeadLetter>();
        var nextOffsets = new Dictionary<TopicPartition, long>();
        var applied = 0;
        await using (var scope = scopes.CreateAsyncScope())
        {
            using var run = new HandlerRun(transaction, consumerGroup);
            foreach (var decoded in fresh)
            {
                switch (decoded)
                {
                    case DecodedRecord.Handled h when firstDeliveries.Remove(h.Event.EventId):
                        if (!run.Accepts(h.Binding))
                        {
                            if (await FlushAsync(run) is { } parked)
                            {
                                return ApplyResult.Nothing with { Parked = parked };
                            }
                        }

                        run.Add(h);
                        break;
                    case DecodedRecord.Poison p:
                        deadLetters.Add(ToDeadLetter(p.Record, p.Reason, p.EventId, p.EventType));
                        outbox.Add(OutboxRecords.DeadLetterCopy(consumerGroup, p.Record, p.Reason, tables.MaxEventBytes));
                        break;
                }

                nextOffsets[decoded.Record.TopicPartition] = decoded.Record.Offset.Value + 1;
            }

            if (await FlushAsync(run) is { } lastParked)
            {
                return ApplyResult.Nothing with { Parked = lastParked };
            }

            // Runs a run's handler; returns the record a handler parked (then disposing the transaction rolls it all back).
            async Task<ParkedRecord?> FlushAsync(HandlerRun pending)
            {
                var (parked, count) = await pending.RunAsync(scope.ServiceProvider, outbox, time.GetUtcNow(), cancellationToken);
                applied += count;
                return parked;
            }
        }

        await CommitAsync(transaction, outbox, deadLetters, nextOffsets, cancellationToken);
        return new ApplyResult(applied, deadLetters.Count, nextOffsets, rewinds, null);
    }

    /// <summary>
    /// Sends one record to the dead-letter topic and moves past it, unless it was already applied or an operator rewound
    /// its partition since this consumer positioned itself (fenced like <see cref="ApplyAsync"/>: the rewind is returned).
    /// </summary>
    public async Task<ApplyResult> DeadLetterAsync(
        ConsumeResult<byte[]?, byte[]?> record, string reason, IReadOnlyDictionary<TopicPartition, long> knownGenerations,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var positions = await tables.LockPositionsAsync(
            transaction, consumerGroup, [(record.Topic, record.Partition.Value)], cancellationToken);
        if (Rewound(positions, knownGenerations) is { Count: > 0 } rewinds)
        {
            return ApplyResult.Nothing with { Rewinds = rewinds };
        }

        if (record.Offset.Value < positions[(record.Topic, record.Partition.Value)].NextOffset)
        {
            return ApplyResult.Nothing;
        }

        var decoded = decoder.Decode(record);
        var (eventId, eventType) = decoded is DecodedRecord.Handled h ? (h.Event.EventId, h.Event.EventType) : ((Guid?)null, (string?)null);
        var nextOffsets = new Dictionary<TopicPartition, long> { [record.TopicPartition] = record.Offset.Value + 1 };
        await CommitAsync(
            transaction,
            [OutboxRecords.DeadLetterCopy(consumerGroup, record, reason, tables.MaxEventBytes)],
            [ToDeadLetter(record, reason, eventId, eventType)],
            nextOffsets,
            cancellationToken);
        return new ApplyResult(0, 1, nextOffsets, [], null);
    }

    /// <summary>Positions whose replay generation differs from the one this consumer positioned itself at.</summary>
    private static List<StoredPosition> Rewound(
        Dictionary<(string Topic, int Partition), StoredPosition> positions, IReadOnlyDictionary<TopicPartition, long> knownGenerations) =>
        positions.Values
            .Where(p => p.Generation != knownGenerations.GetValueOrDefault(new TopicPartition(p.Topic, p.Partition), 0))
            .ToList();

    private async Task CommitAsync(
        NpgsqlTransaction transaction,
        List<OutboxRecord> outbox,
        List<DeadLetter> deadLetters,
        Dictionary<TopicPartition, long> nextOffsets,
        CancellationToken cancellationToken)
    {
        await tables.InsertDeadLettersAsync(transaction, consumerGroup, deadLetters, cancellationToken);
        await tables.AppendOutboxAsync(transaction, outbox, cancellationToken);
        if (nextOffsets.Count > 0)
        {
            await tables.AdvancePositionsAsync(
                transaction, consumerGroup,
                nextOffsets.ToDictionary(kv => (kv.Key.Topic, kv.Key.Partition.Value), kv => kv.Value),
                cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static DeadLetter ToDeadLetter(
        ConsumeResult<byte[]?, byte[]?> record, string reason, Guid? eventId, string? eventType) =>
        new(record.Topic, record.Partition.Value, record.Offset.Value, eventId, OutboxRecords.StorableEventType(eventType),
            OutboxRecords.StorableReason(reason), record.Message.Key, record.Message.Value);
}
