using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Monero.Rpc;

public sealed partial class MoneroRpcClient
{
    /// <summary>The transactions in the node's pool with the weight and fee the node computed for each (<c>get_transaction_pool</c>).</summary>
    public Task<IReadOnlyList<MoneroPoolTransaction>> GetTransactionPoolAsync(CancellationToken cancellationToken = default) =>
        _transport.CallPathAsync("get_transaction_pool", new JsonObject(), PoolTransactions, cancellationToken);

    private static IReadOnlyList<MoneroPoolTransaction> PoolTransactions(JsonElement r)
    {
        Ok("get_transaction_pool", r);
        return r.TryGetProperty("transactions", out var transactions)
            ? [.. transactions.EnumerateArray().Select(t => new MoneroPoolTransaction(
                MoneroHex.Hash(t.GetProperty("id_hash")), t.GetProperty("weight").GetUInt64(), t.GetProperty("fee").GetUInt64()))]
            : [];
    }
}

/// <summary>A transaction in the node's pool.</summary>
/// <param name="Hash">Its txid.</param>
/// <param name="Weight">The weight the node charges it for (size plus the Bulletproofs(+) clawback).</param>
/// <param name="Fee">Its fee.</param>
public sealed record MoneroPoolTransaction(string Hash, ulong Weight, ulong Fee);
