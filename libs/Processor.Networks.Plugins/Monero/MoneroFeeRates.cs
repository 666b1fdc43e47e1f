using Processor.Monero.Rpc;
using Processor.Monero.Transactions;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// The fee rate of a block as Serai's Monero network derives it (era A′): the median of its RingCT transactions' fee per
/// unit of weight (integer division, the upper median), at least <see cref="MinimumPerWeight"/>. Every node computes the
/// same from the block.
/// </summary>
public sealed class MoneroFeeRates(MoneroRpcClient rpc) : IFeeRateSource
{
    /// <summary>The floor, in piconero per unit of weight (Serai's MINIMUM_FEE).</summary>
    public const ulong MinimumPerWeight = 1_500_000;

    public async Task<ulong> FeeRateOfAsync(ChainBlock block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        var info = await rpc.GetBlockAsync(Convert.ToHexStringLower(block.Id), cancellationToken);
        var transactions = info.TransactionHashes.Count == 0 ? [] : await rpc.GetTransactionsAsync(info.TransactionHashes, cancellationToken);
        return Of(transactions.Select(t => MoneroTransaction.Parse(t.Blob)));
    }

    /// <summary>The fee rate of a block with these (non-miner) transactions.</summary>
    public static ulong Of(IEnumerable<MoneroTransaction> transactions)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        // Only RingCT transactions state their fee; a v1 transaction's fee would need its inputs' amounts.
        var rates = transactions
            .Where(t => t.Prunable is not null)
            .Select(t => t.RctBase!.Fee / t.Weight())
            .Order()
            .ToList();
        var median = rates.Count == 0 ? 0 : rates[rates.Count / 2];
        return Math.Max(median, MinimumPerWeight);
    }
}
