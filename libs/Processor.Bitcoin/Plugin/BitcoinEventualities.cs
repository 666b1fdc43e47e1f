using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Transactions;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>A Bitcoin eventuality is the plan transaction's txid (internal byte order): segwit spends cannot be malleated.</summary>
public sealed class BitcoinEventualities : IEventualityMatcher
{
    private const int TxidLength = 32;

    public bool IsWellFormed(ReadOnlySpan<byte> eventuality) => eventuality.Length == TxidLength;

    public IReadOnlyList<EventualityCompletion> FindCompletions(NetworkBlock block, IReadOnlyList<byte[]> eventualities)
    {
        if (eventualities.Count == 0)
        {
            return [];
        }

        var txids = BitcoinBlock.From(block).Block.Transactions.Select(t => Convert.ToHexString(t.Txid.ToArray())).ToHashSet();
        return eventualities
            .Select((eventuality, index) => (eventuality, index))
            .Where(e => txids.Contains(Convert.ToHexString(e.eventuality)))
            .Select(e => new EventualityCompletion(e.index, e.eventuality))
            .ToList();
    }

    public byte[]? CompletingTransactionId(ReadOnlySpan<byte> eventuality, ReadOnlySpan<byte> signedTransaction)
    {
        try
        {
            var txid = Transaction.Parse(signedTransaction.ToArray()).Txid.ToArray();
            return txid.AsSpan().SequenceEqual(eventuality) ? txid : null;
        }
        catch (BitcoinFormatException)
        {
            return null;
        }
    }
}
