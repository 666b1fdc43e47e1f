using Processor.Monero.Rpc;
using Processor.Monero.Transactions;

namespace Processor.Monero.Sending;

/// <summary>
/// Decoy candidates from monerod: the output distribution, <c>get_outs</c>, and each candidate's transaction for its unlock
/// time (the node's own <c>unlocked</c> flag depends on its current tip, which signers may not share).
/// </summary>
public sealed class MonerodDecoySource(MoneroRpcClient rpc) : IDecoySource
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ulong>> GetCumulativeOutputCountsAsync(long height, CancellationToken cancellationToken)
    {
        var distribution = await rpc.GetOutputDistributionAsync(0, height, cumulative: true, cancellationToken);
        if (distribution.StartHeight != 0 || distribution.Distribution.Count != height + 1)
        {
            throw new DecoySelectionException(
                $"The node's output distribution starts at {distribution.StartHeight} with {distribution.Distribution.Count} entries; 0 to {height} was asked.");
        }

        return distribution.Distribution;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ChainOutput>> GetOutputsAsync(IReadOnlyList<ulong> globalIndices, CancellationToken cancellationToken)
    {
        var outputs = await rpc.GetOutputsAsync(globalIndices, cancellationToken);
        var txids = outputs.Select(o => o.Txid).Distinct().ToList();
        var transactions = await rpc.GetTransactionsAsync(txids, cancellationToken);
        var unlockTimes = transactions.ToDictionary(t => t.Hash, t => MoneroTransaction.Parse(t.Blob).Prefix.UnlockTime);
        return [.. outputs.Select(o => new ChainOutput(o.Index, o.Key, o.Commitment, o.Height, unlockTimes[o.Txid]))];
    }
}
