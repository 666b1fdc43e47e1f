using System.CommandLine;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Scanner;

/// <summary><c>scanner</c>: operator actions on the scanner service.</summary>
internal sealed class ScannerCommand : Command
{
    public ScannerCommand(Func<string, string?> environment)
        : base("scanner", "Operator actions on the scanner.")
    {
        Subcommands.Add(new ResumeCommand(environment));
    }
}

/// <summary>
/// <c>scanner resume</c>: lifts the scanner's safe halt (a finalized block was reorganized away) once the operator has acted,
/// e.g. restored the node's chain. The running scanner notices at its next poll and goes on where it stopped; if its
/// finalized blocks are still not in the node's chain, it halts again.
/// </summary>
internal sealed class ResumeCommand : Command
{
    private readonly Func<string, string?> _environment;
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _schema = new("--schema")
    {
        Description = $"The scanner's Postgres schema (default {ServiceCatalog.Scanner.PostgresSchema})",
        HelpName = "schema",
    };

    public ResumeCommand(Func<string, string?> environment)
        : base("resume", "Resume scanning after a safe halt, once the operator has acted.")
    {
        _environment = environment;
        Options.Add(_schema);
        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var schema = ValidSchema(parsed.GetValue(_schema) ?? ServiceCatalog.Scanner.PostgresSchema);
        var settings = _connection.Resolve(parsed, _environment);
        await using var db = await Database.OpenAsync(settings, cancellationToken);
        var exists = await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass(@name) IS NOT NULL", new { name = $"{schema}.scan_progress" }, cancellationToken: cancellationToken));
        if (!exists)
        {
            throw new CtlException($"No scanner state in schema '{schema}' on {db.Display}: has the scanner ever started?");
        }

        var resumed = await db.Connection.QuerySingleOrDefaultAsync<ResumedRow>(new CommandDefinition(
            $"""
            WITH before AS (SELECT halted_reason FROM {schema}.scan_progress WHERE halted_reason IS NOT NULL FOR UPDATE)
            UPDATE {schema}.scan_progress p SET halted_reason = NULL, halted_at = NULL, updated_at = now()
            FROM before RETURNING p.next_height AS nextheight, before.halted_reason AS haltedreason
            """, cancellationToken: cancellationToken));
        if (resumed is null)
        {
            await output.WriteLineAsync($"The scanner ({schema}) is not halted; nothing to resume.");
            return 0;
        }

        await output.WriteLineAsync($"Resumed the scanner ({schema}) at height {resumed.NextHeight}. It was halted because: {resumed.HaltedReason}");
        await output.WriteLineAsync("It halts again at its next poll if its finalized blocks are still not in the node's chain.");
        return 0;
    }

    private sealed record ResumedRow(long NextHeight, string HaltedReason);

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
