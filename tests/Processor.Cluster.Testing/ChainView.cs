using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Transactions;
using Processor.Embedded.Litecoin;

namespace Processor.Cluster.Testing;

/// <summary>A transaction of a block of the node's best chain, with the block's height and hash (display hex).</summary>
public sealed record ChainTransaction(long Height, string BlockHash, Transaction Transaction)
{
    public string Txid => Transaction.Txid.ToString();
}

/// <summary>What litecoind's best chain holds, read block by block (the node's own view, not the processor's).</summary>
public sealed class ChainView(LitecoinNode node)
{
    /// <summary>Every transaction of the blocks at heights <paramref name="from"/> to <paramref name="to"/> (both included), in chain order.</summary>
    public async Task<IReadOnlyList<ChainTransaction>> TransactionsAsync(long from, long to, CancellationToken cancellationToken)
    {
        var transactions = new List<ChainTransaction>();
        for (var height = from; height <= to; height++)
        {
            var hash = await node.Rpc.GetBlockHashAsync(height, cancellationToken);
            var block = Block.Parse(await node.Rpc.GetBlockAsync(hash, cancellationToken));
            transactions.AddRange(block.Transactions.Select(t => new ChainTransaction(height, hash, t)));
        }

        return transactions;
    }

    /// <summary>
    /// The hashes (display hex) of the blocks from <paramref name="from"/> to <paramref name="to"/> holding an output of at least
    /// <paramref name="minimum"/> satoshis paying one of <paramref name="scripts"/>.
    /// </summary>
    public async Task<IReadOnlyList<string>> BlocksPayingAsync(
        long from, long to, IReadOnlyCollection<byte[]> scripts, long minimum, CancellationToken cancellationToken) =>
        [.. (await TransactionsAsync(from, to, cancellationToken))
            .Where(t => t.Transaction.Outputs.Any(o => o.Value >= minimum && scripts.Any(s => o.ScriptPubKey.Span.SequenceEqual(s))))
            .Select(t => t.BlockHash)
            .Distinct()];

    /// <summary>The hash (display hex) of the block of the best chain holding <paramref name="txid"/>; null while it is unconfirmed.</summary>
    public async Task<string?> BlockOfAsync(string txid, CancellationToken cancellationToken)
    {
        var transaction = await node.Rpc.CallAsync("getrawtransaction", [txid, true], cancellationToken);
        return transaction.TryGetProperty("blockhash", out var hash) ? hash.GetString() : null;
    }

    /// <summary>The number of transactions waiting in the node's mempool.</summary>
    public async Task<int> MempoolSizeAsync(CancellationToken cancellationToken) =>
        (await node.Rpc.CallAsync("getrawmempool", [], cancellationToken)).GetArrayLength();

    /// <summary>Whether the node knows <paramref name="txid"/> (display hex), in its mempool or in a block.</summary>
    public async Task<bool> KnowsAsync(string txid, CancellationToken cancellationToken)
    {
        try
        {
            await node.Rpc.GetRawTransactionAsync(txid, cancellationToken);
            return true;
        }
        catch (Processor.Bitcoin.Rpc.BitcoinRpcException e) when (!e.IsRetryable)
        {
            return false;
        }
    }
}
