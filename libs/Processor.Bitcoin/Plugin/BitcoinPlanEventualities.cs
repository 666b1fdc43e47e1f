using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// A Bitcoin plan's eventuality is the txid of the transaction <see cref="BitcoinTransactionPlanner"/> builds (signatures
/// are witnesses, so it is known before signing), and its outputs will be at (txid, position).
/// </summary>
public sealed class BitcoinPlanEventualities : IPlanEventualities
{
    private readonly BitcoinTransactionPlanner _transactions = new();

    public PlannedEventuality EventualityOf(ReadOnlySpan<byte> planId, TransactionPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var txid = _transactions.Prepare(plan).TransactionId;
        var outputCount = plan.Payments.Count + (plan.Change is null ? 0 : 1);
        return new PlannedEventuality(txid, txid, [.. Enumerable.Range(0, outputCount).Select(i => new OutputReference(txid, i))]);
    }
}
