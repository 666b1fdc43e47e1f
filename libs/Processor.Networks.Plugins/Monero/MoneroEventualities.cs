using Processor.Monero.Sending;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero eventuality is the planned transaction's <see cref="Eventuality"/> in its serialized form. A block's
/// transactions are looked up by their exact tx extra (which holds the transaction keys derived from the plan's r-seed and
/// inputs), and a candidate completes the plan only when every output recomputes (<see cref="Eventuality.Matches"/>). The
/// txid cannot be the eventuality, since a threshold CLSAG's bytes depend on which signers sign.
/// </summary>
public sealed class MoneroEventualities : IEventualityMatcher
{
    public bool IsWellFormed(ReadOnlySpan<byte> eventuality)
    {
        try
        {
            Eventuality.Deserialize(eventuality);
            return true;
        }
        catch (MoneroFormatException)
        {
            return false;
        }
    }

    public IReadOnlyList<EventualityCompletion> FindCompletions(NetworkBlock block, IReadOnlyList<byte[]> eventualities)
    {
        ArgumentNullException.ThrowIfNull(eventualities);
        var transactions = MoneroNetworkBlock.From(block).Transactions;
        if (eventualities.Count == 0)
        {
            return [];
        }

        var byExtra = transactions.Select(t => t.Transaction).ToLookup(t => Convert.ToHexString(t.Prefix.Extra), StringComparer.Ordinal);
        var completions = new List<EventualityCompletion>();
        for (var i = 0; i < eventualities.Count; i++)
        {
            var eventuality = Eventuality.Deserialize(eventualities[i]);
            if (byExtra[Convert.ToHexString(eventuality.Extra)].FirstOrDefault(eventuality.Matches) is { } completing)
            {
                completions.Add(new EventualityCompletion(i, completing.Hash()));
            }
        }

        return completions;
    }

    public byte[]? CompletingTransactionId(ReadOnlySpan<byte> eventuality, ReadOnlySpan<byte> signedTransaction)
    {
        try
        {
            var transaction = MoneroTransaction.Parse(signedTransaction);
            return Eventuality.Deserialize(eventuality).Matches(transaction) ? transaction.Hash() : null;
        }
        catch (MoneroFormatException)
        {
            return null;
        }
    }
}
