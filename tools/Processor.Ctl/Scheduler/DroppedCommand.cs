using System.Globalization;
using Processor.Messaging.Storage;
using Processor.Scheduler.Storage;

namespace Processor.Ctl.Scheduler;

/// <summary><c>dropped</c>: the payments the scheduler will never make (dust after the fee, an address the network cannot pay, another coin).</summary>
internal sealed class DroppedCommand(Func<string, string?> environment)
    : SchedulerListCommand("dropped", "Show the dropped payments and why they were dropped.", environment)
{
    protected override async Task WriteAsync(Database db, MessagingTables tables, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var dropped = await new ScheduleStore(tables).DroppedAsync(db.Connection, limit, cancellationToken);
        if (dropped.Count == 0)
        {
            await output.WriteLineAsync($"No dropped payments in {tables.Schema}.");
            return;
        }

        var table = new TextTable("payment", ">serai block", ">index", ">session", "destination", ">amount", "reason", "dropped (UTC)");
        foreach (var payment in dropped)
        {
            table.Add(
                payment.Origin, payment.SeraiBlockNumber, payment.PaymentIndex, payment.Session, Convert.ToHexStringLower(payment.Destination),
                Coins(payment.Amount), payment.Reason, payment.DroppedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        }

        table.WriteTo(output);
    }
}
