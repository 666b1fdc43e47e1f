using System.CommandLine;
using System.Globalization;
using Processor.Contracts;
using Processor.Messaging.Storage;

namespace Processor.Ctl.Scheduler;

/// <summary>What the scheduler's listings share: the scheduler's state, the <c>--limit</c> option and the unit of amounts.</summary>
internal abstract class SchedulerListCommand : ServiceStateCommand
{
    private readonly Option<int> _limit = new("--limit") { Description = "At most this many rows, the newest (default 100)", DefaultValueFactory = _ => 100 };

    protected SchedulerListCommand(string name, string description, Func<string, string?> environment)
        : base(name, description, ServiceCatalog.Scheduler, "plans", environment)
    {
        Options.Add(_limit);
    }

    /// <summary>Writes the listing of <paramref name="tables"/>' schema (at most <paramref name="limit"/> rows) to <paramref name="output"/>.</summary>
    protected abstract Task WriteAsync(Database db, MessagingTables tables, int limit, TextWriter output, CancellationToken cancellationToken);

    /// <summary>Satoshis as coins with eight decimals (the unit operators read).</summary>
    protected static string Coins(long satoshis) => (satoshis / 100_000_000m).ToString("0.00000000", CultureInfo.InvariantCulture);

    protected override void CheckUsage(ParseResult parsed) => PositiveLimit(parsed, _limit);

    protected override async Task<int> RunAsync(ParseResult parsed, Database db, MessagingTables tables, TextWriter output, CancellationToken cancellationToken)
    {
        await WriteAsync(db, tables, PositiveLimit(parsed, _limit), output, cancellationToken);
        return 0;
    }
}
