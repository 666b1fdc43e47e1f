using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Scanning;

/// <summary>An output of a block that pays a watched script.</summary>
public sealed record ScannedOutput<TTag>(Transaction Transaction, int OutputIndex, TTag Tag)
{
    public OutPoint OutPoint => new(Transaction.Txid, (uint)OutputIndex);

    public TxOut Output => Transaction.Outputs[OutputIndex];
}

/// <summary>Finds the outputs of a block that pay watched scripts.</summary>
public static class BlockScanner
{
    /// <summary>
    /// Every output of <paramref name="block"/> whose script <paramref name="matcher"/> watches, in block order. Coinbase
    /// outputs are skipped (as in Serai: they mature late and are not deposits). Dust is left to the caller, which knows the
    /// network's threshold and may want to report it.
    /// </summary>
    public static List<ScannedOutput<TTag>> FindOutputs<TTag>(Block block, ScriptMatcher<TTag> matcher)
    {
        var found = new List<ScannedOutput<TTag>>();
        var transactions = block.Transactions;
        for (var t = 0; t < transactions.Length; t++)
        {
            var transaction = transactions[t];
            if (transaction.IsCoinbase)
            {
                continue;
            }

            var outputs = transaction.Outputs;
            for (var o = 0; o < outputs.Length; o++)
            {
                if (matcher.TryMatch(outputs[o].ScriptPubKey.Span, out var tag))
                {
                    found.Add(new ScannedOutput<TTag>(transaction, o, tag));
                }
            }
        }

        return found;
    }
}
