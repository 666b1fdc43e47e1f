using Dapper;
using Npgsql;
using Processor.Messaging.Storage;
using Processor.Testing;

namespace Processor.IntegrationTests.Support;

/// <summary>Reads a counter worker's state and messaging tables (on the shared server unless a connection string says otherwise).</summary>
public sealed class CounterState(string schema, string? connectionString = null)
{
    private readonly string _connectionString = connectionString ?? PostgresServer.ConnectionString;

    public string Schema { get; } = schema;

    public async Task<Dictionary<string, (long Total, long Applied)>> CountersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        var rows = await connection.QueryAsync<(string Key, long Total, long Applied)>(
            $"SELECT key, total, applied FROM {Schema}.counters");
        return rows.ToDictionary(r => r.Key, r => (r.Total, r.Applied));
    }

    /// <summary>The counter role's ledger (one row per applied increment), in a stable order.</summary>
    public async Task<List<(Guid EventId, string Key, long Sequence, long Amount, long Total)>> LedgerAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return (await connection.QueryAsync<(Guid, string, long, long, long)>(
            $"SELECT event_id, key, sequence, amount, total FROM {Schema}.counter_increments ORDER BY event_id")).AsList();
    }

    public async Task<long> AppliedAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long?>($"SELECT sum(applied)::bigint FROM {Schema}.counters") ?? 0;
    }

    public async Task<long> UnpublishedAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        return await new MessagingTables(Schema).CountUnpublishedAsync(connection, CancellationToken.None);
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long>($"SELECT count(*) FROM {Schema}.{table}");
    }

    public async Task<long> NextOffsetAsync(string group, string topic, int partition)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        return await connection.ExecuteScalarAsync<long?>(
            $"SELECT next_offset FROM {Schema}.consumer_offsets WHERE consumer_group = @group AND topic = @topic AND partition = @partition",
            new { group, topic, partition }) ?? 0;
    }

    /// <summary>Waits (bounded) until <paramref name="events"/> increments are applied and every emitted event is published.</summary>
    public Task<bool> AllAppliedAndPublishedAsync(long events, TimeSpan timeout) =>
        EventuallyAsync(async () => await AppliedAsync() >= events && await UnpublishedAsync() == 0, timeout);

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds.</summary>
    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // The worker has not migrated its schema yet.
            }
            catch (NpgsqlException ex) when (ex.IsTransient)
            {
                // A fault test's server is restarting (a pooled connection may still point at the killed one).
            }

            await Task.Delay(100);
        }

        return false;
    }
}
