using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.KeyBook;

/// <summary>SQL over the service's <c>keys</c> table (Migrations/0001_key_book.sql). Writes take the caller's transaction.</summary>
public sealed class KeyBookStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>The session's key, locked until the transaction ends; null when none is known.</summary>
    public async Task<KnownKey?> LockAsync(NpgsqlTransaction transaction, int session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var rows = await transaction.Connection!.QueryAsync<KeyRow>(new CommandDefinition(
            $"{SelectKeys} WHERE session = @session FOR UPDATE", new { session }, transaction, cancellationToken: cancellationToken));
        return rows.SingleOrDefault()?.ToKnownKey();
    }

    /// <summary>Every known key, by session.</summary>
    public async Task<IReadOnlyList<KnownKey>> ListAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition($"{SelectKeys} ORDER BY session", cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToKnownKey())];
    }

    /// <summary>Inserts <paramref name="key"/> or replaces the session's row with it.</summary>
    public Task SaveAsync(NpgsqlTransaction transaction, KnownKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(key);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.keys
                (session, substrate_key, network_key, threshold, participant_count, state, activation_time, activation_block)
            VALUES (@Session, @SubstrateKey, @NetworkKey, @Threshold, @ParticipantCount, @State, @ActivationTime, @ActivationBlock)
            ON CONFLICT (session) DO UPDATE SET
                substrate_key = EXCLUDED.substrate_key, network_key = EXCLUDED.network_key, threshold = EXCLUDED.threshold,
                participant_count = EXCLUDED.participant_count, state = EXCLUDED.state, activation_time = EXCLUDED.activation_time,
                activation_block = EXCLUDED.activation_block, learnt_at = now()
            """,
            new
            {
                key.Session,
                key.SubstrateKey,
                key.NetworkKey,
                key.Threshold,
                key.ParticipantCount,
                State = key.State == KeyState.Active ? ActiveState : GeneratedState,
                ActivationTime = key.ActivationTime?.UtcDateTime,
                key.ActivationBlock,
            },
            transaction, cancellationToken: cancellationToken));
    }

    private const string GeneratedState = "generated";
    private const string ActiveState = "active";

    private string SelectKeys =>
        $"""
        SELECT session, substrate_key AS substratekey, network_key AS networkkey, threshold, participant_count AS participantcount,
               state, activation_time AS activationtime, activation_block AS activationblock
        FROM {_schema}.keys
        """;

    private sealed record KeyRow(
        int Session, byte[] SubstrateKey, byte[] NetworkKey, int? Threshold, int? ParticipantCount, string State, DateTime? ActivationTime,
        long? ActivationBlock)
    {
        public KnownKey ToKnownKey() => new(
            Session, SubstrateKey, NetworkKey, Threshold, ParticipantCount, State == ActiveState ? KeyState.Active : KeyState.Generated,
            ActivationTime is { } time ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : null, ActivationBlock);
    }
}
