using Processor.Monero.Transactions;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero eventuality is the planned transaction's exact tx extra (Serai's <c>Eventuality::lookup</c>): it holds the
/// transaction keys derived from the plan id and the spent outputs, so no other transaction carries it. The txid cannot be
/// the eventuality, since a threshold CLSAG's bytes depend on which signers sign.
/// </summary>
public sealed class MoneroEventualities : IEventualityMatcher
{
    public bool IsWellFormed(ReadOnlySpan<byte> eventuality)
    {
        var extra = TxExtra.Parse(eventuality);
        return extra.IsFullyParsed && extra.PublicKey is not null;
    }

    public IReadOnlyList<EventualityCompletion> FindCompletions(NetworkBlock block, IReadOnlyList<byte[]> eventualities)
    {
        ArgumentNullException.ThrowIfNull(eventualities);
        var transactions = MoneroNetworkBlock.From(block).Transactions;
        if (eventualities.Count == 0)
        {
            return [];
        }

        var byExtra = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var transaction in transactions.Select(t => t.Transaction).Where(t => t.Prefix.UnlockTime == 0))
        {
            // The first transaction with an extra completes its plan; a copy later in the chain is no longer looked for.
            byExtra.TryAdd(Convert.ToHexString(transaction.Prefix.Extra), transaction.Hash());
        }

        return eventualities
            .Select((eventuality, index) => (Txid: byExtra.GetValueOrDefault(Convert.ToHexString(eventuality)), index))
            .Where(e => e.Txid is not null)
            .Select(e => new EventualityCompletion(e.index, e.Txid!))
            .ToList();
    }
}
