using Processor.Monero.Sending;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero plan's eventuality is its transaction's <see cref="Eventuality"/> (<see cref="MoneroPlanTransactions.EventualityOf"/>),
/// known before the rings are chosen. No output's place is known at planning: the transaction's id depends on its CLSAGs
/// (on who signs) and the builder shuffles the outputs, so the scheduler matches the plan's Branch outputs by amount.
/// </summary>
public sealed class MoneroPlanEventualities : IPlanEventualities
{
    public PlannedEventuality EventualityOf(ReadOnlySpan<byte> planId, TransactionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var eventuality = MoneroPlanTransactions.EventualityOf(planId, plan).Serialize();
        return new PlannedEventuality(eventuality, TransactionId: null, new OutputReference?[plan.Payments.Count + (plan.Change is null ? 0 : 1)]);
    }
}
