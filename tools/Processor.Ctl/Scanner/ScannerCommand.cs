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
internal sealed class ResumeCommand(Func<string, string?> environment)
    : ServiceStateCommand("resume", "Resume scanning after a safe halt, once the operator has acted.", ServiceCatalog.Scanner, "scan_progress", environment)
{
    protected override async Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken)
    {
        var schema = tables.Schema;
        var store = new ScannerStore(tables);
        if (await store.ResumeAsync(db.Connection, cancellationToken) is not { } resumed)
        {
            await output.WriteLineAsync($"The scanner ({schema}) is not halted; nothing to resume.");
            return 0;
        }

        await output.WriteLineAsync($"Resumed the scanner ({schema}) at height {resumed.NextHeight}. It was halted because: {resumed.HaltedReason}");
        await output.WriteLineAsync("It halts again at its next poll if its finalized blocks are still not in the node's chain.");
        return 0;
    }
}
