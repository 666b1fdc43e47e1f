using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Monero.Rpc;

/// <summary>
/// The calls the processor makes to monerod, over its JSON RPC (no binary endpoints are needed: <c>get_transactions</c> gives
/// the global output indices). Retries and error classification are the <see cref="MoneroRpcTransport"/>'s. Hashes are
/// lowercase hex as the node shows them (no byte reversal in Monero).
/// </summary>
public sealed partial class MoneroRpcClient : IDisposable
{
    // monerod's restricted RPC refuses more per call (RESTRICTED_TRANSACTIONS_COUNT, and a bound on get_outs).
    private const int TransactionsPerCall = 100;
    private const int OutputsPerCall = 1000;

    private readonly MoneroRpcTransport _transport;

    /// <param name="options">Where monerod is; <see cref="MoneroRpcOptions.Url"/> is required.</param>
    /// <param name="time">Clock for the back-off (the system clock by default).</param>
    /// <param name="onRetry">Told about each failed attempt that will be retried.</param>
    public MoneroRpcClient(MoneroRpcOptions options, TimeProvider? time = null, MoneroRpcRetryCallback? onRetry = null)
    {
        _transport = new MoneroRpcTransport(options, time, onRetry);
    }

    /// <summary>The node's chain height, tip and network (<c>get_info</c>).</summary>
    public Task<MoneroNodeInfo> GetInfoAsync(CancellationToken cancellationToken = default) =>
        _transport.CallJsonRpcAsync("get_info", null, Info, cancellationToken);

    /// <summary>Blocks in the node's chain: the tip's height plus one (<c>get_block_count</c>).</summary>
    public Task<long> GetBlockCountAsync(CancellationToken cancellationToken = default) =>
        _transport.CallJsonRpcAsync("get_block_count", null, r => Ok("get_block_count", r).GetProperty("count").GetInt64(), cancellationToken);

    /// <summary>The block at <paramref name="height"/> on the node's chain; a height above the tip is <see cref="MoneroRpcErrorKind.NotFound"/>.</summary>
    public Task<MoneroBlockInfo> GetBlockAsync(long height, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        return _transport.CallJsonRpcAsync("get_block", new JsonObject { ["height"] = height }, Block, cancellationToken);
    }

    /// <summary>The block with id <paramref name="hash"/>; an unknown id is <see cref="MoneroRpcErrorKind.NotFound"/>.</summary>
    public Task<MoneroBlockInfo> GetBlockAsync(string hash, CancellationToken cancellationToken = default) =>
        _transport.CallJsonRpcAsync("get_block", new JsonObject { ["hash"] = MoneroHex.CheckHash(hash) }, Block, cancellationToken);

    /// <summary>
    /// The transactions with these ids, in the same order, each with its global output indices. Any id the node does not know
    /// is <see cref="MoneroRpcErrorKind.NotFound"/>. A block's miner transaction is found too.
    /// </summary>
    public async Task<IReadOnlyList<MoneroTransactionInfo>> GetTransactionsAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        var found = new List<MoneroTransactionInfo>(hashes.Count);
        foreach (var chunk in hashes.Select(h => MoneroHex.CheckHash(h)).Chunk(TransactionsPerCall))
        {
            var body = new JsonObject { ["txs_hashes"] = new JsonArray(chunk.Select(h => JsonValue.Create(h)).ToArray<JsonNode?>()) };
            found.AddRange(await _transport.CallPathAsync("get_transactions", body, r => Transactions(r, chunk), cancellationToken));
        }

        return found;
    }

    /// <summary>The amount-0 outputs with these global indices, in the same order (<c>get_outs</c>); an index past the last output is refused.</summary>
    public async Task<IReadOnlyList<MoneroOutputInfo>> GetOutputsAsync(IReadOnlyList<ulong> indices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var found = new List<MoneroOutputInfo>(indices.Count);
        foreach (var chunk in indices.Chunk(OutputsPerCall))
        {
            var body = new JsonObject
            {
                ["outputs"] = new JsonArray(chunk.Select(i => (JsonNode?)new JsonObject { ["amount"] = 0, ["index"] = i }).ToArray()),
                ["get_txid"] = true,
            };
            found.AddRange(await _transport.CallPathAsync("get_outs", body, r => Outputs(r, chunk), cancellationToken));
        }

        return found;
    }

    /// <summary>
    /// The amount-0 output distribution from <paramref name="fromHeight"/> to <paramref name="toHeight"/> inclusive. The node
    /// refuses a <paramref name="toHeight"/> above its tip.
    /// </summary>
    public async Task<MoneroOutputDistribution> GetOutputDistributionAsync(
        long fromHeight, long toHeight, bool cumulative, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fromHeight);
        ArgumentOutOfRangeException.ThrowIfLessThan(toHeight, fromHeight);
        var parameters = new JsonObject
        {
            ["amounts"] = new JsonArray(0),
            ["from_height"] = fromHeight,
            ["to_height"] = toHeight,
            ["cumulative"] = cumulative,
            // Without binary:false the node puts a binary string inside the JSON.
            ["binary"] = false,
            ["compress"] = false,
        };
        try
        {
            return await _transport.CallJsonRpcAsync("get_output_distribution", parameters, Distribution, cancellationToken);
        }
        catch (MoneroRpcException ex) when (ex.Kind == MoneroRpcErrorKind.Rejected && ex.Code is not null)
        {
            // The node's own message ("Failed to get output distribution") does not say that the usual cause is the range.
            throw new MoneroRpcException(
                MoneroRpcErrorKind.Rejected, ex.Method, $"{ex.Message}; is to_height {toHeight} above the node's tip?", ex.Code, ex) { Attempts = ex.Attempts };
        }
    }

    /// <summary>The node's fee per unit of weight (<c>get_fee_estimate</c>).</summary>
    public Task<MoneroFeeEstimate> GetFeeEstimateAsync(CancellationToken cancellationToken = default) =>
        _transport.CallJsonRpcAsync("get_fee_estimate", null, FeeEstimate, cancellationToken);

    /// <summary>The hard fork in force (<c>hard_fork_info</c>).</summary>
    public Task<MoneroHardForkInfo> GetHardForkInfoAsync(CancellationToken cancellationToken = default) =>
        _transport.CallJsonRpcAsync("hard_fork_info", null, HardFork, cancellationToken);

    /// <summary>
    /// Broadcasts a serialized transaction and returns the node's classified verdict (not an exception: a refusal is an
    /// answer). Only a transport failure or a busy node throws, transient.
    /// </summary>
    public Task<MoneroBroadcast> SendRawTransactionAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken = default)
    {
        if (transaction.IsEmpty)
        {
            throw new ArgumentException("The transaction is empty.", nameof(transaction));
        }

        var body = new JsonObject { ["tx_as_hex"] = Convert.ToHexStringLower(transaction.Span), ["do_not_relay"] = false };
        return _transport.CallPathAsync("send_raw_transaction", body, r => MoneroBroadcast.FromAnswer("send_raw_transaction", r), cancellationToken);
    }

    /// <summary>Whether each key image (32 bytes) is spent, in the same order (<c>is_key_image_spent</c>).</summary>
    public async Task<IReadOnlyList<MoneroKeyImageStatus>> GetKeyImageStatusAsync(IReadOnlyList<ReadOnlyMemory<byte>> keyImages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyImages);
        var hex = keyImages.Select(k => k.Length == 32 ? Convert.ToHexStringLower(k.Span) : throw new ArgumentException("A key image is 32 bytes.", nameof(keyImages)));
        var body = new JsonObject { ["key_images"] = new JsonArray(hex.Select(h => JsonValue.Create(h)).ToArray<JsonNode?>()) };
        return await _transport.CallPathAsync("is_key_image_spent", body, r => KeyImages(r, keyImages.Count), cancellationToken);
    }

    /// <summary>Mines <paramref name="blocks"/> blocks paying <paramref name="address"/> (regtest/fakechain only).</summary>
    public Task<MoneroGeneratedBlocks> GenerateBlocksAsync(int blocks, string address, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(blocks, 1);
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        var parameters = new JsonObject { ["amount_of_blocks"] = blocks, ["wallet_address"] = address, ["starting_nonce"] = 0 };
        return _transport.CallJsonRpcAsync("generateblocks", parameters, Generated, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();

    private static JsonElement Ok(string method, JsonElement answer)
    {
        MoneroRpcErrorClassifier.EnsureStatusOk(method, answer);
        return answer;
    }

    private static MoneroNodeInfo Info(JsonElement r) => new(
        Ok("get_info", r).GetProperty("height").GetInt64(),
        MoneroHex.Hash(r.GetProperty("top_block_hash")),
        r.GetProperty("nettype").GetString() ?? throw new FormatException("nettype is null"),
        r.TryGetProperty("synchronized", out var synchronized) && synchronized.GetBoolean(),
        r.TryGetProperty("version", out var version) ? version.GetString() ?? "" : "");

    private static MoneroBlockInfo Block(JsonElement r)
    {
        var header = Ok("get_block", r).GetProperty("block_header");
        var transactions = r.TryGetProperty("tx_hashes", out var hashes) ? hashes.EnumerateArray().Select(MoneroHex.Hash).ToList() : [];
        return new MoneroBlockInfo(
            MoneroHex.Hash(header.GetProperty("hash")),
            header.GetProperty("height").GetInt64(),
            MoneroHex.Hash(header.GetProperty("prev_hash")),
            DateTimeOffset.FromUnixTimeSeconds(header.GetProperty("timestamp").GetInt64()),
            header.GetProperty("major_version").GetInt32(),
            MoneroHex.Hash(r.GetProperty("miner_tx_hash")),
            transactions,
            MoneroHex.Bytes(r.GetProperty("blob")));
    }

    private static List<MoneroTransactionInfo> Transactions(JsonElement r, string[] asked)
    {
        Ok("get_transactions", r);
        if (r.TryGetProperty("missed_tx", out var missed) && missed.GetArrayLength() > 0)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorKind.NotFound, "get_transactions", "unknown transactions: " + string.Join(", ", missed.EnumerateArray().Select(m => m.GetString())));
        }

        var byHash = new Dictionary<string, MoneroTransactionInfo>(StringComparer.Ordinal);
        foreach (var tx in r.TryGetProperty("txs", out var txs) ? txs.EnumerateArray() : Enumerable.Empty<JsonElement>())
        {
            var info = Transaction(tx);
            byHash[info.Hash] = info;
        }

        return asked.Select(h => byHash.TryGetValue(h.ToLowerInvariant(), out var info) ? info : throw new FormatException($"the answer lacks transaction {h}")).ToList();
    }

    private static MoneroTransactionInfo Transaction(JsonElement tx)
    {
        var hash = MoneroHex.Hash(tx.GetProperty("tx_hash"));
        var blob = MoneroHex.Bytes(tx.GetProperty("as_hex"));
        if (blob.Length == 0)
        {
            // A pruned node, and any node for a miner transaction (whose prunable part is empty), splits the bytes in two.
            blob = tx.TryGetProperty("pruned_as_hex", out var pruned) && tx.TryGetProperty("prunable_as_hex", out var prunable)
                ? [.. MoneroHex.Bytes(pruned), .. MoneroHex.Bytes(prunable)]
                : [];
            if (blob.Length == 0)
            {
                throw new FormatException($"the answer has no bytes for {hash}");
            }
        }

        var inPool = tx.TryGetProperty("in_pool", out var pool) && pool.GetBoolean();
        var indices = tx.TryGetProperty("output_indices", out var outputIndices) ? outputIndices.EnumerateArray().Select(i => i.GetUInt64()).ToList() : [];
        return new MoneroTransactionInfo(hash, blob, inPool ? null : tx.GetProperty("block_height").GetInt64(), indices);
    }

    private static List<MoneroOutputInfo> Outputs(JsonElement r, ulong[] asked)
    {
        Ok("get_outs", r);
        var outs = r.GetProperty("outs");
        if (outs.GetArrayLength() != asked.Length)
        {
            throw new FormatException($"{outs.GetArrayLength()} outputs for {asked.Length} indices");
        }

        return outs.EnumerateArray().Select((o, i) => new MoneroOutputInfo(
            asked[i],
            MoneroHex.Key(o.GetProperty("key")),
            MoneroHex.Key(o.GetProperty("mask")),
            o.GetProperty("height").GetInt64(),
            MoneroHex.Hash(o.GetProperty("txid")),
            o.GetProperty("unlocked").GetBoolean())).ToList();
    }

    private static MoneroOutputDistribution Distribution(JsonElement r)
    {
        var distributions = Ok("get_output_distribution", r).GetProperty("distributions");
        if (distributions.GetArrayLength() != 1)
        {
            throw new FormatException($"{distributions.GetArrayLength()} distributions for one amount");
        }

        var d = distributions[0];
        return new MoneroOutputDistribution(
            d.GetProperty("start_height").GetInt64(),
            d.GetProperty("base").GetUInt64(),
            d.GetProperty("distribution").EnumerateArray().Select(e => e.GetUInt64()).ToList());
    }

    private static MoneroFeeEstimate FeeEstimate(JsonElement r) => new(
        Ok("get_fee_estimate", r).GetProperty("fee").GetUInt64(),
        r.TryGetProperty("fees", out var fees) ? fees.EnumerateArray().Select(f => f.GetUInt64()).ToList() : [],
        r.TryGetProperty("quantization_mask", out var mask) ? mask.GetUInt64() : 1);

    private static MoneroHardForkInfo HardFork(JsonElement r) => new(
        Ok("hard_fork_info", r).GetProperty("version").GetInt32(),
        r.GetProperty("earliest_height").GetInt64(),
        r.GetProperty("enabled").GetBoolean());

    private static List<MoneroKeyImageStatus> KeyImages(JsonElement r, int asked)
    {
        var statuses = Ok("is_key_image_spent", r).GetProperty("spent_status").EnumerateArray().Select(s => s.GetInt32() switch
        {
            0 => MoneroKeyImageStatus.Unspent,
            1 => MoneroKeyImageStatus.SpentInChain,
            2 => MoneroKeyImageStatus.SpentInPool,
            var other => throw new FormatException($"unknown spent status {other}"),
        }).ToList();
        return statuses.Count == asked ? statuses : throw new FormatException($"{statuses.Count} statuses for {asked} key images");
    }

    private static MoneroGeneratedBlocks Generated(JsonElement r) => new(
        Ok("generateblocks", r).GetProperty("blocks").EnumerateArray().Select(MoneroHex.Hash).ToList(),
        r.GetProperty("height").GetInt64());
}
