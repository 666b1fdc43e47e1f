using Processor.Messaging.Storage;
using Processor.Scheduler.Storage;

namespace Processor.Ctl.Scheduler;

/// <summary>
/// <c>queue</c>: each key's payment queue, first in first out (burns and refunds waiting for coins), and how many payments
/// wait for Branch outputs of plans already made.
/// </summary>
internal sealed class QueueCommand(Func<string, string?> environment)
    : SchedulerListCommand("queue", "Show the payment queue per key (and the payments waiting for Branch outputs).", environment)
{
    protected override async Task WriteAsync(Database db, MessagingTables tables, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var store = new ScheduleStore(tables);
        var queued = await store.QueueAsync(db.Connection, limit, cancellationToken);
        if (queued.Count == 0)
        {
            await output.WriteLineAsync($"The payment queue of {tables.Schema} is empty.");
        }
        else
        {
            var table = new TextTable(">session", ">position", "payment", ">serai block", ">index", "destination", ">amount");
            foreach (var payment in queued)
            {
                table.Add(
                    payment.Session, payment.Sequence, payment.Origin, payment.SeraiBlockNumber, payment.PaymentIndex,
                    Convert.ToHexStringLower(payment.Destination), Coins(payment.Amount));
            }

            table.WriteTo(output);
        }

        foreach (var (session, branches, payments) in await store.BranchWaitsAsync(db.Connection, cancellationToken))
        {
            await output.WriteLineAsync($"Session {session}: {payments} payment(s) wait for {branches} Branch output(s).");
        }
    }
}
