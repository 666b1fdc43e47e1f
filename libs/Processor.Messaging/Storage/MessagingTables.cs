using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Processor.Messaging.Storage;

/// <summary>A stored consumer position.</summary>
public sealed record StoredPosition(string Topic, int Partition, long NextOffset, long Generation);

/// <summary>A row for the outbox: the wire form of an event.</summary>
public sealed record OutboxRecord(Guid EventId, string Topic, byte[]? Key, byte[] Payload, string EventType, string HeadersJson);

/// <summary>A record that could not be applied, or an outbox row the broker refused (partition -1, offset = outbox id).</summary>
public sealed record DeadLetter(
    string Topic, int Partition, long Offset, Guid? EventId, string? EventType, string Reason, byte[]? Key, byte[]? Payload);

/// <summary>An event too large for the broker: the producer of the fact must split it.</summary>
public sealed class EventTooLargeException(string message) : InvalidOperationException(message);

/// <summary>
/// SQL over one service schema's messaging tables (consumer_offsets, inbox, outbox, dead_letters). Every statement takes
/// the caller's transaction: these rows only mean something when they commit together with the state they describe.
/// </summary>
public sealed class MessagingTables
{
    private readonly string _schema;
    private readonly string _lockPositions;
    private readonly string _advancePositions;
    private readonly string _insertInbox;
    private readonly string _insertOutbox;
    private readonly string _insertDeadLetters;

    /// <param name="schema">The service's schema.</param>
    /// <param name="maxEventBytes">The largest event <see cref="AppendOutboxAsync"/> accepts (<see cref="MessagingOptions.MaxEventBytes"/>).</param>
    public MessagingTables(string schema, int maxEventBytes = MessagingOptions.DefaultMaxEventBytes)
    {
        _schema = SchemaName.Validate(schema);
        MaxEventBytes = maxEventBytes;
        // The no-op update makes the statement lock existing rows: it is the fence that serializes two owners of a partition.
        _lockPositions = $"""
            INSERT INTO {schema}.consumer_offsets AS o (consumer_group, topic, partition, next_offset)
            SELECT @group, x.t, x.p, 0 FROM unnest(@topics::text[], @partitions::int[]) AS x(t, p)
            ORDER BY x.t, x.p
            ON CONFLICT (consumer_group, topic, partition) DO UPDATE SET next_offset = o.next_offset
            RETURNING topic, partition, next_offset AS nextoffset, generation
            """;
        _advancePositions = $"""
            UPDATE {schema}.consumer_offsets AS o SET next_offset = x.n, updated_at = now()
            FROM unnest(@topics::text[], @partitions::int[], @nexts::bigint[]) AS x(t, p, n)
            WHERE o.consumer_group = @group AND o.topic = x.t AND o.partition = x.p AND o.next_offset < x.n
            """;
        _insertInbox = $"""
            INSERT INTO {schema}.inbox (consumer_group, event_id, topic, partition, "offset", event_type, message_time)
            SELECT @group, x.* FROM unnest(@ids::uuid[], @topics::text[], @partitions::int[], @offsets::bigint[],
                                            @types::text[], @times::timestamptz[]) AS x
            ON CONFLICT DO NOTHING
            RETURNING event_id
            """;
        // The transaction-scoped lock makes outbox ids commit in id order, so the relay never passes over a row that an
        // earlier transaction has yet to commit.
        _insertOutbox = $"""
            SELECT pg_advisory_xact_lock(hashtext('processor.outbox.{schema}'));
            INSERT INTO {schema}.outbox (event_id, topic, key, payload, event_type, headers)
            SELECT x.i, x.t, x.k, x.p, x.e, x.h::jsonb
            FROM unnest(@ids::uuid[], @topics::text[], @keys::bytea[], @payloads::bytea[], @types::text[], @headers::text[])
                 WITH ORDINALITY AS x(i, t, k, p, e, h, n)
            ORDER BY x.n
            ON CONFLICT (event_id) DO NOTHING;
            SELECT pg_notify('{OutboxChannel(schema)}', '');
            """;
        _insertDeadLetters = $"""
            INSERT INTO {schema}.dead_letters (consumer_group, topic, partition, "offset", event_id, event_type, reason, key, payload)
            SELECT @group, x.* FROM unnest(@topics::text[], @partitions::int[], @offsets::bigint[], @ids::uuid[],
                                            @types::text[], @reasons::text[], @keys::bytea[], @payloads::bytea[]) AS x
            ON CONFLICT DO NOTHING
            """;
    }

    public string Schema => _schema;

    /// <summary>The largest event, in bytes of key, value and headers, that the outbox accepts.</summary>
    public int MaxEventBytes { get; }

    /// <summary>The messaging tables of a schema, which an operator's replay keeps (the inbox is cleared with the state).</summary>
    public static IReadOnlyList<string> KeptOnReplay { get; } =
        ["schema_migrations", "consumer_offsets", "outbox", "outbox_relay", "dead_letters"];

    /// <summary>Outbox rows not yet delivered: those above the relay's position.</summary>
    public async Task<long> CountUnpublishedAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            SELECT count(*) FROM {_schema}.outbox
            WHERE id > (SELECT published_through FROM {_schema}.outbox_relay)
            """, cancellationToken: cancellationToken));

    /// <summary>
    /// The LISTEN/NOTIFY channel that wakes the outbox relay of a schema. Channel names are identifiers (at most 63 bytes):
    /// <c>pg_notify</c> refuses a longer one and LISTEN silently truncates it, so a long schema name is shortened to a
    /// prefix plus a hash of the whole name, which keeps schemas with a common prefix apart.
    /// </summary>
    public static string OutboxChannel(string schema)
    {
        const string prefix = "processor_outbox_";
        const int identifierLimit = 63;
        var channel = prefix + schema;
        if (channel.Length <= identifierLimit)
        {
            return channel;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(schema)), 0, 8);
        return $"{prefix}{schema[..(identifierLimit - prefix.Length - hash.Length - 1)]}_{hash}";
    }

    /// <summary>Locks (creating if missing) the positions of the given partitions and returns them.</summary>
    public async Task<Dictionary<(string Topic, int Partition), StoredPosition>> LockPositionsAsync(
        NpgsqlTransaction transaction, string group, IReadOnlyCollection<(string Topic, int Partition)> partitions,
        CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<StoredPosition>(new CommandDefinition(
            _lockPositions,
            new
            {
                group,
                topics = partitions.Select(p => p.Topic).ToArray(),
                partitions = partitions.Select(p => p.Partition).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => (r.Topic, r.Partition));
    }

    /// <summary>Moves positions forward; a position is never moved backwards here (only an operator's replay does that).</summary>
    public Task AdvancePositionsAsync(
        NpgsqlTransaction transaction, string group, IReadOnlyDictionary<(string Topic, int Partition), long> nextOffsets,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            _advancePositions,
            new
            {
                group,
                topics = nextOffsets.Keys.Select(k => k.Topic).ToArray(),
                partitions = nextOffsets.Keys.Select(k => k.Partition).ToArray(),
                nexts = nextOffsets.Values.ToArray(),
            },
            transaction, cancellationToken: cancellationToken));

    /// <summary>Reads the stored positions of a group without locking (for assignment and tooling).</summary>
    public async Task<IReadOnlyList<StoredPosition>> ReadPositionsAsync(
        NpgsqlConnection connection, string group, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<StoredPosition>(new CommandDefinition(
            $"""
            SELECT topic, partition, next_offset AS nextoffset, generation FROM {_schema}.consumer_offsets
            WHERE consumer_group = @group ORDER BY topic, partition
            """,
            new { group }, cancellationToken: cancellationToken))).AsList();

    /// <summary>Records the ids in the inbox and returns those that were not there before.</summary>
    public async Task<HashSet<Guid>> InsertInboxAsync(
        NpgsqlTransaction transaction, string group, IReadOnlyList<Envelopes.IncomingEvent> events,
        CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var inserted = await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            _insertInbox,
            new
            {
                group,
                ids = events.Select(e => e.EventId).ToArray(),
                topics = events.Select(e => e.Topic).ToArray(),
                partitions = events.Select(e => e.Partition).ToArray(),
                offsets = events.Select(e => e.Offset).ToArray(),
                types = events.Select(e => e.EventType).ToArray(),
                times = events.Select(e => e.Timestamp).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        return inserted.ToHashSet();
    }

    /// <summary>
    /// Appends events to the outbox; an event id already there is kept as it was (replays re-emit nothing new). An event
    /// larger than <see cref="MaxEventBytes"/> could never be delivered, so it fails the caller's transaction here instead.
    /// </summary>
    internal Task AppendOutboxAsync(
        NpgsqlTransaction transaction, IReadOnlyList<OutboxRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return Task.CompletedTask;
        }

        foreach (var record in records)
        {
            if (Outbox.OutboxRecords.WireSize(record) is var size && size > MaxEventBytes)
            {
                throw new EventTooLargeException(
                    $"event {record.EventId} ({record.EventType}) for {record.Topic} is {size} bytes, more than Messaging:MaxEventBytes " +
                    $"({MaxEventBytes}); split the fact into smaller events");
            }
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            _insertOutbox,
            new
            {
                ids = records.Select(r => r.EventId).ToArray(),
                topics = records.Select(r => r.Topic).ToArray(),
                keys = records.Select(r => r.Key).ToArray(),
                payloads = records.Select(r => r.Payload).ToArray(),
                types = records.Select(r => r.EventType).ToArray(),
                headers = records.Select(r => r.HeadersJson).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }

    public Task InsertDeadLettersAsync(
        NpgsqlTransaction transaction, string group, IReadOnlyList<DeadLetter> deadLetters, CancellationToken cancellationToken)
    {
        if (deadLetters.Count == 0)
        {
            return Task.CompletedTask;
        }

        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            _insertDeadLetters,
            new
            {
                group,
                topics = deadLetters.Select(d => d.Topic).ToArray(),
                partitions = deadLetters.Select(d => d.Partition).ToArray(),
                offsets = deadLetters.Select(d => d.Offset).ToArray(),
                ids = deadLetters.Select(d => d.EventId).ToArray(),
                types = deadLetters.Select(d => d.EventType).ToArray(),
                reasons = deadLetters.Select(d => d.Reason).ToArray(),
                keys = deadLetters.Select(d => d.Key).ToArray(),
                payloads = deadLetters.Select(d => d.Payload).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }
}
