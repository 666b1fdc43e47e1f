using System.CommandLine;
using Processor.Contracts;
using Processor.Messaging.Storage;
using Processor.Scanner.Storage;

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
        var store = new ScannerStore(new MessagingTables(schema));
        if (!await store.ExistsAsync(db.Connection, cancellationToken))
        {
            throw new CtlException($"No scanner state in schema '{schema}' on {db.Display}: has the scanner ever started?");
        }

        if (await store.ResumeAsync(db.Connection, cancellationToken) is not { } resumed)
        {
            await output.WriteLineAsync($"The scanner ({schema}) is not halted; nothing to resume.");
            return 0;
        }

        await output.WriteLineAsync($"Resumed the scanner ({schema}) at height {resumed.NextHeight}. It was halted because: {resumed.HaltedReason}");
        await output.WriteLineAsync("It halts again at its next poll if its finalized blocks are still not in the node's chain.");
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
