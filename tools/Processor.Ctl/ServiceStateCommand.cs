using System.CommandLine;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl;

/// <summary>
/// A command on one service's Postgres state: the <c>--schema</c> option (the service's own schema by default), the
/// connection options, and the check that the service has ever started there (its <c>markerTable</c> exists). Reads take
/// no lock the running service would wait for.
/// </summary>
internal abstract class ServiceStateCommand : Command
{
    private readonly Func<string, string?> _environment;
    private readonly ServiceDefinition _service;
    private readonly string _markerTable;
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _schema;

    protected ServiceStateCommand(string name, string description, ServiceDefinition service, string markerTable, Func<string, string?> environment)
        : base(name, description)
    {
        _environment = environment;
        _service = service;
        _markerTable = markerTable;
        _schema = new Option<string?>("--schema")
        {
            Description = $"The {service.Name}'s Postgres schema (default {service.PostgresSchema})",
            HelpName = "schema",
        };
        Options.Add(_schema);
        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    /// <summary>Runs the command on the service's state in <paramref name="tables"/>' schema, writing to <paramref name="output"/>.</summary>
    protected abstract Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Refuses the command's own options when they make no sense (a <see cref="UsageException"/>), before connecting.</summary>
    protected virtual void CheckUsage(ParseResult parsed)
    {
    }

    /// <summary>The value of a <c>--limit</c> option, which must be positive.</summary>
    /// <exception cref="UsageException">It is not.</exception>
    protected static int PositiveLimit(ParseResult parsed, Option<int> limit)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var value = parsed.GetValue(limit);
        return value >= 1 ? value : throw new UsageException("--limit must be at least 1.");
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var schema = ValidSchema(parsed.GetValue(_schema) ?? _service.PostgresSchema);
        CheckUsage(parsed);
        await using var db = await Database.OpenAsync(_connection.Resolve(parsed, _environment), cancellationToken);
        var exists = await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass(@name) IS NOT NULL", new { name = $"{schema}.{_markerTable}" }, cancellationToken: cancellationToken));
        if (!exists)
        {
            throw new CtlException($"No {_service.Name} state in schema '{schema}' on {db.Display}: has the {_service.Name} ever started?");
        }

        return await RunAsync(parsed, db, new MessagingTables(schema), parsed.InvocationConfiguration.Output, cancellationToken);
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
