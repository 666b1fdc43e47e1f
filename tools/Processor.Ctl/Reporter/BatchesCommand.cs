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
internal sealed class BatchesCommand(Func<string, string?> environment)
    : ServiceStateCommand("batches", "Show the reporter's Batches: id, block, instruction count and state.", ServiceCatalog.Reporter, "batches", environment)
{
    protected override async Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken)
    {
        var schema = tables.Schema;
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

    private sealed record BatchRow(
        long Id, long Height, byte[] BlockHash, int InstructionCount, int Session, string State, long? AcknowledgedIn, DateTime BuiltAt);
}
