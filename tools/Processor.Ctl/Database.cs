using System.Net.Sockets;
using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Ctl;

/// <summary>A table of a service schema and how many rows it holds.</summary>
internal sealed record TableRows(string Name, long Rows)
{
    /// <summary>The table's name, quoted for SQL (the schema name is validated separately).</summary>
    public string Quoted => Quote(Name);

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>One open Postgres connection and the few queries the commands share.</summary>
internal sealed class Database : IAsyncDisposable
{
    private Database(NpgsqlConnection connection, string display)
    {
        Connection = connection;
        Display = display;
    }

    public NpgsqlConnection Connection { get; }

    /// <summary>host:port/database.</summary>
    public string Display { get; }

    /// <exception cref="CtlException">The server cannot be reached or refuses the login.</exception>
    public static async Task<Database> OpenAsync(Settings settings, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(settings.PostgresConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return new Database(connection, settings.PostgresDisplay);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new CtlException($"Cannot connect to Postgres at {settings.PostgresDisplay}: {ex.Message}", ex);
        }
    }

    /// <summary>Whether the service has ever started: its schema exists with its messaging tables.</summary>
    public async Task<bool> ServiceSchemaExistsAsync(string schema, CancellationToken cancellationToken) =>
        await Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass(@name) IS NOT NULL", new { name = $"{SchemaName.Validate(schema)}.consumer_offsets" },
            cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<StoredPosition>> PositionsAsync(string schema, string group, CancellationToken cancellationToken) =>
        await new MessagingTables(schema).ReadPositionsAsync(Connection, group, cancellationToken);

    /// <summary>The tables of <paramref name="schema"/> other than <paramref name="kept"/>, inbox first.</summary>
    public async Task<IReadOnlyList<string>> TableNamesAsync(
        string schema, IReadOnlyCollection<string> kept, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await Connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = @schema AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname <> ALL(@kept)
            ORDER BY c.relname <> 'inbox', c.relname
            """,
            new { schema = SchemaName.Validate(schema), kept = kept.ToArray() }, transaction, cancellationToken: cancellationToken))).AsList();

    /// <summary>Row counts of <paramref name="tables"/> (exact as seen by <paramref name="transaction"/>, if given).</summary>
    public async Task<IReadOnlyList<TableRows>> CountRowsAsync(
        string schema, IEnumerable<string> tables, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var counted = new List<TableRows>();
        foreach (var table in tables.Select(name => new TableRows(name, 0)))
        {
            counted.Add(table with { Rows = await CountAsync(schema, table.Quoted, "true", transaction, cancellationToken) });
        }

        return counted;
    }

    public Task<long> CountAsync(
        string schema, string table, string condition, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM {SchemaName.Validate(schema)}.{table} WHERE {condition}", transaction: transaction,
            cancellationToken: cancellationToken));

    public ValueTask DisposeAsync() => Connection.DisposeAsync();
}
