using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Monero.Rpc;

/// <summary>The header calls the network plug-in needs (a block's timestamp window).</summary>
public sealed partial class MoneroRpcClient
{
    /// <summary>
    /// The timestamps of the blocks from <paramref name="fromHeight"/> to <paramref name="toHeight"/> inclusive, in height order
    /// (<c>get_block_headers_range</c>); a height above the tip is refused by the node.
    /// </summary>
    public async Task<IReadOnlyList<ulong>> GetBlockTimestampsAsync(long fromHeight, long toHeight, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(toHeight, fromHeight);
        var parameters = new JsonObject { ["start_height"] = fromHeight, ["end_height"] = toHeight };
        return await _transport.CallJsonRpcAsync("get_block_headers_range", parameters, r => Timestamps(r, fromHeight, toHeight), cancellationToken);
    }

    private static List<ulong> Timestamps(JsonElement r, long fromHeight, long toHeight)
    {
        var headers = Ok("get_block_headers_range", r).GetProperty("headers").EnumerateArray().ToList();
        if (headers.Count != toHeight - fromHeight + 1)
        {
            throw new FormatException($"{headers.Count} headers for heights {fromHeight} to {toHeight}");
        }

        return headers.Select((h, i) => h.GetProperty("height").GetInt64() == fromHeight + i
            ? h.GetProperty("timestamp").GetUInt64()
            : throw new FormatException($"header {i} of the range is not at height {fromHeight + i}")).ToList();
    }
}
