using System.CommandLine;
using System.Globalization;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Scheduler;

/// <summary>
/// What the scheduler's listings share: the <c>--schema</c> and <c>--limit</c> options, the connection, and the check that
/// the scheduler has ever started. A listing only reads; it holds no lock the running scheduler would wait for.
/// </summary>
internal abstract class SchedulerListCommand : Command
{
    private readonly Func<string, string?> _environment;
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _schema = new("--schema")
    {
        Description = $"The scheduler's Postgres schema (default {ServiceCatalog.Scheduler.PostgresSchema})",
        HelpName = "schema",
    };

    private readonly Option<int> _limit = new("--limit") { Description = "At most this many rows, the newest (default 100)", DefaultValueFactory = _ => 100 };

    protected SchedulerListCommand(string name, string description, Func<string, string?> environment)
        : base(name, description)
    {
        _environment = environment;
        Options.Add(_schema);
        Options.Add(_limit);
        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    /// <summary>Writes the listing of <paramref name="tables"/>' schema (at most <paramref name="limit"/> rows) to <paramref name="output"/>.</summary>
    protected abstract Task WriteAsync(Database db, MessagingTables tables, int limit, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Satoshis as coins with eight decimals (the unit operators read).</summary>
    protected static string Coins(long satoshis) => (satoshis / 100_000_000m).ToString("0.00000000", CultureInfo.InvariantCulture);

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var schema = ValidSchema(parsed.GetValue(_schema) ?? ServiceCatalog.Scheduler.PostgresSchema);
        var limit = parsed.GetValue(_limit);
        if (limit < 1)
        {
            throw new UsageException("--limit must be at least 1.");
        }

        await using var db = await Database.OpenAsync(_connection.Resolve(parsed, _environment), cancellationToken);
        var exists = await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass(@name) IS NOT NULL", new { name = $"{schema}.plans" }, cancellationToken: cancellationToken));
        if (!exists)
        {
            throw new CtlException($"No scheduler state in schema '{schema}' on {db.Display}: has the scheduler ever started?");
        }

        await WriteAsync(db, new MessagingTables(schema), limit, parsed.InvocationConfiguration.Output, cancellationToken);
        return 0;
    }

    private static string ValidSchema(string schema)
    {
        try
        {
            return SchemaName.Validate(schema);
        }
        catch (ArgumentException ex)
        {
            throw new UsageException(ex.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
