using Dapper;
using Npgsql;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.FullStack.Tests.Support;

/// <summary>
/// A service's schema at one moment: its derived state (every table a replay may wipe, as sorted rows of text, without
/// timestamps and generated row ids, which say when and in which order rows were written, not what they hold, and without the
/// scheduler's broadcast history, which counts what the node was told, not what was decided: a rebuild does not re-broadcast
/// completed plans), its consumer positions, and how many events its outbox holds and how many records it dead-lettered.
/// </summary>
internal sealed record ServiceState(
    IReadOnlyDictionary<string, IReadOnlyList<string>> Tables,
    IReadOnlyDictionary<string, long> Positions,
    long OutboxRows,
    long DeadLetters)
{
    /// <summary>Reads <paramref name="service"/>'s schema in the database <paramref name="connectionString"/> names.</summary>
    public static async Task<ServiceState> ReadAsync(string connectionString, ServiceDefinition service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        var schema = service.PostgresSchema;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        var columns = await connection.QueryAsync<(string Table, string Column)>(new CommandDefinition(
            """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = @schema
              AND data_type NOT LIKE 'timestamp%' AND data_type <> 'date'
              AND is_identity = 'NO' AND coalesce(column_default, '') NOT LIKE 'nextval(%'
              AND NOT (table_name = 'plans' AND column_name IN ('broadcasts', 'last_publish_error'))
            ORDER BY table_name, ordinal_position
            """,
            new { schema },
            cancellationToken: cancellationToken));
        var kept = MessagingTables.KeptOnReplay.Append("inbox").ToHashSet();
        var tables = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var table in columns.Where(c => !kept.Contains(c.Table)).GroupBy(c => c.Table))
        {
            var row = string.Join(", ", table.Select(c => $"quote_nullable({Quote(c.Column)}::text)"));
            // Identifiers come from information_schema and are quoted; nothing here is user input.
#pragma warning disable CA2100
            var rows = await connection.QueryAsync<string>(new CommandDefinition(
                $"SELECT concat_ws(' | ', {row}) FROM {Quote(schema)}.{Quote(table.Key)}", cancellationToken: cancellationToken));
#pragma warning restore CA2100
            tables[table.Key] = [.. rows.Order(StringComparer.Ordinal)];
        }

        var positions = await connection.QueryAsync<(string Group, string Topic, int Partition, long NextOffset)>(new CommandDefinition(
            $"SELECT consumer_group, topic, partition, next_offset FROM {Quote(schema)}.consumer_offsets", cancellationToken: cancellationToken));
        var outbox = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {Quote(schema)}.outbox", cancellationToken: cancellationToken));
        var deadLetters = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {Quote(schema)}.dead_letters", cancellationToken: cancellationToken));
        return new ServiceState(
            tables,
            positions.ToDictionary(p => $"{p.Group} {p.Topic}[{p.Partition}]", p => p.NextOffset),
            outbox,
            deadLetters);
    }

    /// <summary>Whether every position of <paramref name="target"/> is reached here (a replay caught up).</summary>
    public bool HasReached(ServiceState target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Positions.All(p => Positions.TryGetValue(p.Key, out var offset) && offset >= p.Value);
    }

    /// <summary>How this state's tables differ from <paramref name="other"/>'s, one line per difference (empty when identical).</summary>
    public IReadOnlyList<string> TableDifferences(ServiceState other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        foreach (var table in Tables.Keys.Union(other.Tables.Keys).Order(StringComparer.Ordinal))
        {
            var mine = Tables.GetValueOrDefault(table) ?? [];
            var theirs = other.Tables.GetValueOrDefault(table) ?? [];
            differences.AddRange(mine.Except(theirs).Take(3).Select(r => $"{table}: only before: {r}"));
            differences.AddRange(theirs.Except(mine).Take(3).Select(r => $"{table}: only after: {r}"));
            if (mine.Count != theirs.Count)
            {
                differences.Add($"{table}: {mine.Count} row(s) before, {theirs.Count} after");
            }
        }

        return differences;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
