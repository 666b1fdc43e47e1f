using System.CommandLine;
using Dapper;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Reporter;

/// <summary>
/// <c>batches</c>: the reporter's Batches from its schema: id, external block (height and hash as the network orders its
/// bytes), instruction count, signing session and state (signing: built and sent to the signer; signed: the SignedBatch went
/// to the coordinator; acknowledged: a Serai block executed it).
/// </summary>
internal sealed class BatchesCommand : Command
{
    private readonly Func<string, string?> _environment;
    private readonly ConnectionOptions _connection = new();
    private readonly Option<string?> _schema = new("--schema")
    {
        Description = $"The reporter's Postgres schema (default {ServiceCatalog.Reporter.PostgresSchema})",
        HelpName = "schema",
    };

    public BatchesCommand(Func<string, string?> environment)
        : base("batches", "Show the reporter's Batches: id, block, instruction count and state.")
    {
        _environment = environment;
        Options.Add(_schema);
        _connection.AddTo(this);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var output = parsed.InvocationConfiguration.Output;
        var schema = ValidSchema(parsed.GetValue(_schema) ?? ServiceCatalog.Reporter.PostgresSchema);
        await using var db = await Database.OpenAsync(_connection.Resolve(parsed, _environment), cancellationToken);
        var hasBatches = await db.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT to_regclass(@name) IS NOT NULL", new { name = $"{schema}.batches" }, cancellationToken: cancellationToken));
        if (!hasBatches)
        {
            throw new CtlException($"No reporter state in schema '{schema}' on {db.Display}: has the reporter ever started?");
        }

        var rows = await db.Connection.QueryAsync<BatchRow>(new CommandDefinition(
            $"""
            SELECT id, height, block_hash AS blockhash, instruction_count AS instructioncount, session,
                   CASE WHEN acknowledged_in IS NOT NULL THEN 'acknowledged'
                        WHEN signature IS NOT NULL THEN 'signed'
                        ELSE 'signing' END AS state,
                   acknowledged_in AS acknowledgedin, built_at AS builtat
            FROM {schema}.batches ORDER BY id
            """,
            cancellationToken: cancellationToken));
        var table = new TextTable("ID", "HEIGHT", "BLOCK", "INSTRUCTIONS", "SESSION", "STATE", "SERAI BLOCK", "BUILT");
        foreach (var row in rows)
        {
            table.Add(
                row.Id, row.Height, Convert.ToHexStringLower(row.BlockHash), row.InstructionCount, row.Session, row.State,
                row.AcknowledgedIn?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-",
                row.BuiltAt.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (table.Count == 0)
        {
            await output.WriteLineAsync($"The reporter ({schema}) has built no Batch yet.");
            return 0;
        }

        table.WriteTo(output);
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

    private sealed record BatchRow(
        long Id, long Height, byte[] BlockHash, int InstructionCount, int Session, string State, long? AcknowledgedIn, DateTime BuiltAt);
}
