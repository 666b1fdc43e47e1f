using System.Text.Json.Nodes;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Rpc;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// The fee rate of a block: the median fee rate (sat/vbyte) of its transactions as the node's <c>getblockstats</c> computes
/// it from the block and its undo data (the same for every node), at least 1 sat/vbyte.
/// </summary>
public sealed class BitcoinFeeRates(BitcoinRpcClient rpc) : IFeeRateSource
{
    /// <summary>The floor: Bitcoin Core's default minimum relay fee rate.</summary>
    public const ulong MinimumSatoshisPerVbyte = 1;

    // Index of the 50th percentile in getblockstats' feerate_percentiles (10th, 25th, 50th, 75th, 90th).
    private const int MedianPercentile = 2;

    public async Task<ulong> FeeRateOfAsync(ChainBlock block, CancellationToken cancellationToken)
    {
        var stats = await rpc.CallAsync("getblockstats", [new Hash256(block.Id).ToString(), new JsonArray("feerate_percentiles")], cancellationToken);
        var median = stats.GetProperty("feerate_percentiles")[MedianPercentile].GetUInt64();
        return Math.Max(median, MinimumSatoshisPerVbyte);
    }
}
