using Processor.Bitcoin.Hashing;
using Processor.Messaging.Storage;
using Processor.Scheduler.Storage;

namespace Processor.Ctl.Scheduler;

/// <summary>
/// <c>plans</c>: the scheduler's plans in creation order: id, session, the Serai block that led to it, inputs and payments
/// (count and coins), change, fee, the transaction id as the node shows it, the state (created, signed, published,
/// completed), broadcasts so far and the node's last refusal, if any.
/// </summary>
internal sealed class PlansCommand(Func<string, string?> environment)
    : SchedulerListCommand("plans", "Show the scheduler's plans: id, inputs, payments, txid, state.", environment)
{
    protected override async Task WriteAsync(Database db, MessagingTables tables, int limit, TextWriter output, CancellationToken cancellationToken)
    {
        var plans = await new PlanStore(tables).ListAsync(db.Connection, limit, cancellationToken);
        if (plans.Count == 0)
        {
            await output.WriteLineAsync($"No plans in {tables.Schema}.");
            return;
        }

        var table = new TextTable(
            "plan", ">session", ">serai block", ">inputs", ">in", ">payments", ">out", ">change", ">fee", "txid", "state", ">broadcasts", "note");
        foreach (var plan in plans)
        {
            table.Add(
                Convert.ToHexStringLower(plan.PlanId), plan.Session, plan.SeraiBlockNumber, plan.InputCount, Coins(plan.InputAmount), plan.PaymentCount,
                Coins(plan.PaymentAmount), plan.ChangeAmount is { } change ? Coins(change) : "-", plan.Fee, plan.Txid is { } txid ? new Hash256(txid).ToString() : "-",
                plan.CompletedHeight is { } height ? $"{plan.State} at {height}" : plan.State, plan.Broadcasts, plan.LastPublishError ?? "");
        }

        table.WriteTo(output);
    }
}
