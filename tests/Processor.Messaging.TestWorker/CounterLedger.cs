using Dapper;
using Npgsql;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.TestWorker;

/// <summary>
/// The counter role's writes for a run of increments, in one statement: one ledger row per increment and one update per
/// counter touched. Returns each increment's running total, in input order — the same totals as applying them one by one.
/// </summary>
public sealed class CounterLedger(string schema)
{
    // The running total after an increment is the counter's new total minus the amounts of the run's later increments
    // of the same counter.
    private readonly string _apply = $"""
        WITH input AS (
            SELECT * FROM unnest(@ids::uuid[], @keys::text[], @sequences::bigint[], @amounts::bigint[])
                WITH ORDINALITY AS x(event_id, key, sequence, amount, n)
        ), totals AS (
            INSERT INTO {schema}.counters AS c (key, total, applied)
            SELECT key, sum(amount), count(*) FROM input GROUP BY key ORDER BY key
            ON CONFLICT (key) DO UPDATE SET total = c.total + excluded.total, applied = c.applied + excluded.applied
            RETURNING key, total
        ), running AS (
            SELECT i.n, i.event_id, i.key, i.sequence, i.amount,
                   t.total - coalesce(sum(i.amount) OVER (
                       PARTITION BY i.key ORDER BY i.n ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING), 0) AS total
            FROM input i JOIN totals t USING (key)
        ), ledger AS (
            INSERT INTO {schema}.counter_increments (event_id, key, sequence, amount, total)
            SELECT event_id, key, sequence, amount, total FROM running
        )
        SELECT total FROM running ORDER BY n
        """;

    public async Task<long[]> ApplyAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(Guid EventId, CounterIncremented Increment)> increments,
        CancellationToken cancellationToken)
    {
        var totals = await transaction.Connection!.QueryAsync<long>(new CommandDefinition(
            _apply,
            new
            {
                ids = increments.Select(i => i.EventId).ToArray(),
                keys = increments.Select(i => i.Increment.Key).ToArray(),
                sequences = increments.Select(i => i.Increment.Sequence).ToArray(),
                amounts = increments.Select(i => i.Increment.Amount).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
        return totals.AsList().ToArray();
    }
}
