using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Processor.Bitcoin.Rpc;

/// <summary>
/// The calls the processor makes to a bitcoind-compatible node (bitcoind, litecoind) over JSON-RPC. Each call is tried up to
/// <see cref="BitcoinRpcOptions.MaxAttempts"/> times with a doubling back-off when it fails transiently or the answer is
/// malformed; other failures (rejected, already known, not found) are thrown at once. Every failure is a
/// <see cref="BitcoinRpcException"/> saying which kind it is. Block hashes and txids are hex as the node shows them
/// (byte-reversed relative to the serialized data).
/// </summary>
public sealed class BitcoinRpcClient : IDisposable
{
    private const decimal SatoshisPerCoin = 100_000_000m;

    private readonly BitcoinRpcOptions _options;
    private readonly JsonRpcTransport _transport;
    private readonly TimeProvider _time;
    private readonly RpcRetryCallback? _onRetry;

    /// <param name="options">Where the node is; <see cref="BitcoinRpcOptions.Url"/> is required.</param>
    /// <param name="time">Clock for the back-off (the system clock by default).</param>
    /// <param name="onRetry">Told about each failed attempt that will be retried.</param>
    public BitcoinRpcClient(BitcoinRpcOptions options, TimeProvider? time = null, RpcRetryCallback? onRetry = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var url = options.Url ?? throw new ArgumentException("BitcoinRpcOptions.Url is required.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAttempts, 1);
        _options = options;
        _transport = new JsonRpcTransport(url, options.User, options.Password, options.RequestTimeout);
        _time = time ?? TimeProvider.System;
        _onRetry = onRetry;
    }

    /// <summary>Height of the node's best chain tip.</summary>
    public Task<long> GetBlockCountAsync(CancellationToken cancellationToken = default) =>
        CallAsync("getblockcount", [], r => r.GetInt64(), cancellationToken);

    /// <summary>Hash of the node's best chain tip.</summary>
    public Task<string> GetBestBlockHashAsync(CancellationToken cancellationToken = default) =>
        CallAsync("getbestblockhash", [], Hash, cancellationToken);

    /// <summary>Hash of the block at <paramref name="height"/> on the node's best chain.</summary>
    public Task<string> GetBlockHashAsync(long height, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(height);
        return CallAsync("getblockhash", [height], Hash, cancellationToken);
    }

    /// <summary>The serialized block (<c>getblock &lt;hash&gt; 0</c>).</summary>
    public Task<byte[]> GetBlockAsync(string blockHash, CancellationToken cancellationToken = default) =>
        CallAsync("getblock", [CheckHash(blockHash), 0], Bytes, cancellationToken);

    /// <summary>The header of a block, with its height, parent, median time and confirmations.</summary>
    public Task<BlockHeaderInfo> GetBlockHeaderAsync(string blockHash, CancellationToken cancellationToken = default) =>
        CallAsync("getblockheader", [CheckHash(blockHash), true], Header, cancellationToken);

    /// <summary>The serialized transaction (mempool, or any block when the node keeps a transaction index).</summary>
    public Task<byte[]> GetRawTransactionAsync(string txid, CancellationToken cancellationToken = default) =>
        CallAsync("getrawtransaction", [CheckHash(txid), false], Bytes, cancellationToken);

    /// <summary>
    /// Broadcasts a serialized transaction and returns its txid. A transaction the node already has throws
    /// <see cref="RpcErrorKind.AlreadyKnown"/>, which a publisher treats as success; an invalid one <see cref="RpcErrorKind.Rejected"/>.
    /// </summary>
    public Task<string> SendRawTransactionAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken = default) =>
        CallAsync("sendrawtransaction", [Convert.ToHexStringLower(transaction.Span)], Hash, cancellationToken);

    /// <summary>Whether the node's mempool would accept the transaction, without broadcasting it.</summary>
    public Task<MempoolAcceptance> TestMempoolAcceptAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken = default) =>
        CallAsync("testmempoolaccept", [new JsonArray(Convert.ToHexStringLower(transaction.Span))], Acceptance, cancellationToken);

    /// <summary>The node's fee-rate estimate for confirmation within <paramref name="confirmationTarget"/> blocks.</summary>
    public Task<FeeEstimate> EstimateSmartFeeAsync(int confirmationTarget, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(confirmationTarget, 1);
        return CallAsync("estimatesmartfee", [confirmationTarget], Estimate, cancellationToken);
    }

    /// <summary>
    /// Any other call (wallet, mining and test-network calls such as <c>generatetoaddress</c>), with the same retries and
    /// classification; returns the raw <c>result</c>.
    /// </summary>
    public Task<JsonElement> CallAsync(string method, JsonArray parameters, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        return CallAsync(method, parameters, r => r, cancellationToken);
    }

    public void Dispose() => _transport.Dispose();

    private async Task<T> CallAsync<T>(string method, JsonArray parameters, Func<JsonElement, T> read, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await _transport.SendAsync(method, parameters, cancellationToken);
                try
                {
                    return read(result);
                }
                catch (Exception ex) when (ex is FormatException or InvalidOperationException or KeyNotFoundException or OverflowException)
                {
                    throw new BitcoinRpcException(
                        RpcErrorKind.MalformedAnswer, method, $"the node's result is not what {method} returns: {ex.Message}", innerException: ex);
                }
            }
            catch (BitcoinRpcException ex) when (ex.IsRetryable && attempt < _options.MaxAttempts)
            {
                _onRetry?.Invoke(ex, attempt, backoff);
                await Task.Delay(backoff, _time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
            catch (BitcoinRpcException ex)
            {
                ex.Attempts = attempt;
                throw;
            }
        }
    }

    private static string CheckHash(string hash, [System.Runtime.CompilerServices.CallerArgumentExpression(nameof(hash))] string? name = null) =>
        IsHash(hash) ? hash : throw new ArgumentException($"'{hash}' is not a 64-digit hex hash.", name);

    private static bool IsHash(string? text) => text is { Length: 64 } && text.All(Uri.IsHexDigit);

    private static string Hash(JsonElement result)
    {
        var text = result.GetString();
        return IsHash(text) ? text!.ToLowerInvariant() : throw new FormatException($"'{text}' is not a 64-digit hex hash");
    }

    private static byte[] Bytes(JsonElement result) =>
        Convert.FromHexString(result.GetString() ?? throw new FormatException("null instead of hex"));

    private static BlockHeaderInfo Header(JsonElement result) => new(
        Hash(result.GetProperty("hash")),
        result.GetProperty("height").GetInt64(),
        result.TryGetProperty("previousblockhash", out var previous) ? Hash(previous) : null,
        DateTimeOffset.FromUnixTimeSeconds(result.GetProperty("time").GetInt64()),
        DateTimeOffset.FromUnixTimeSeconds(result.GetProperty("mediantime").GetInt64()),
        result.GetProperty("confirmations").GetInt64());

    private static MempoolAcceptance Acceptance(JsonElement result)
    {
        if (result.GetArrayLength() != 1)
        {
            throw new FormatException($"{result.GetArrayLength()} verdicts for one transaction");
        }

        var verdict = result[0];
        var allowed = verdict.GetProperty("allowed").GetBoolean();
        return new MempoolAcceptance(
            Hash(verdict.GetProperty("txid")),
            allowed,
            verdict.TryGetProperty("reject-reason", out var reason) ? reason.GetString() : null,
            verdict.TryGetProperty("vsize", out var vsize) ? vsize.GetInt64() : null,
            verdict.TryGetProperty("fees", out var fees) && fees.TryGetProperty("base", out var fee) ? Satoshis(fee) : null);
    }

    private static FeeEstimate Estimate(JsonElement result) => new(
        result.TryGetProperty("feerate", out var rate) ? Satoshis(rate) : null,
        result.GetProperty("blocks").GetInt32(),
        result.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetString() ?? "").ToList() : []);

    /// <summary>A coin amount as the node writes it (a decimal number of coins) in satoshis.</summary>
    private static long Satoshis(JsonElement coins)
    {
        var satoshis = coins.GetDecimal() * SatoshisPerCoin;
        return satoshis == decimal.Truncate(satoshis)
            ? decimal.ToInt64(satoshis)
            : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{coins} is not a whole number of satoshis"));
    }
}
