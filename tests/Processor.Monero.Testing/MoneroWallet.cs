using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Processor.Embedded;
using Processor.Monero.Rpc;

namespace Processor.Monero.Testing;

/// <summary>
/// A <c>monero-wallet-rpc</c> process with one wallet (switching wallets costs ~8 s, so every wallet gets its own process),
/// on a <see cref="MonerodNode"/>: the independent implementation the library is checked against (addresses, payments).
/// Create it with <see cref="MonerodNode.CreateWalletAsync"/>; it is stopped with its node.
/// </summary>
public sealed class MoneroWallet : IAsyncDisposable
{
    /// <summary>Blocks to mine to a fresh wallet on a fresh chain before its first ring-16 transfer succeeds.</summary>
    public const int BlocksToFund = 75;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly RegtestProcess _process;
    private readonly MonerodNode _node;
    private int _disposed;

    private MoneroWallet(MonerodNode node, string name, int port, RegtestProcess process)
    {
        _node = node;
        Name = name;
        RpcPort = port;
        _process = process;
        // Not retried: a wallet call such as transfer is not idempotent, and a timeout may hide a success.
        Rpc = new MoneroRpcTransport(new MoneroRpcOptions { Url = RpcUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromMinutes(2) });
    }

    /// <summary>The wallet's name (its file name).</summary>
    public string Name { get; }

    /// <summary>The wallet RPC port on 127.0.0.1.</summary>
    public int RpcPort { get; }

    /// <summary>The wallet RPC root.</summary>
    public Uri RpcUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{RpcPort}/"));

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The wallet RPC, for calls this class does not wrap.</summary>
    public MoneroRpcTransport Rpc { get; }

    internal static async Task<MoneroWallet> StartAsync(MonerodNode node, string name, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var directory = Path.Combine(node.DirectoryPath, "wallet-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        for (var attempt = 1; ; attempt++)
        {
            var port = LoopbackPorts.GetFreePort();
            var wallet = new MoneroWallet(node, name, port, Launch(node, directory, port));
            try
            {
                using var probe = new MoneroRpcTransport(new MoneroRpcOptions { Url = wallet.RpcUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) });
                await wallet._process.WaitUntilAnsweringAsync(
                    () => probe.CallJsonRpcAsync("get_version", null, r => r, cancellationToken), port, StartTimeout, cancellationToken);
                await wallet.CallAsync("create_wallet", new JsonObject { ["filename"] = name, ["language"] = "English" }, cancellationToken);
                return wallet;
            }
            catch (InvalidOperationException) when (attempt < 3 && wallet._process.HasExited && wallet._process.Output.Contains("bind", StringComparison.OrdinalIgnoreCase))
            {
                await wallet.DisposeAsync();
            }
            catch
            {
                await wallet.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>The primary address (account 0, index 0).</summary>
    public Task<string> GetAddressAsync(CancellationToken cancellationToken = default) => GetAddressAsync(0, 0, cancellationToken);

    /// <summary>The address of subaddress (<paramref name="account"/>, <paramref name="index"/>), which must have been created.</summary>
    public async Task<string> GetAddressAsync(uint account, uint index, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("get_address", new JsonObject { ["account_index"] = account, ["address_index"] = new JsonArray(index) }, cancellationToken);
        return result.GetProperty("addresses")[0].GetProperty("address").GetString()!;
    }

    /// <summary>Creates the next subaddress of <paramref name="account"/>; returns it with its index.</summary>
    public async Task<(string Address, uint Index)> CreateSubaddressAsync(uint account, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("create_address", new JsonObject { ["account_index"] = account }, cancellationToken);
        return (result.GetProperty("address").GetString()!, result.GetProperty("address_index").GetUInt32());
    }

    /// <summary>Creates the next account; returns its address (account, 0) with its index.</summary>
    public async Task<(string Address, uint Account)> CreateAccountAsync(CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("create_account", null, cancellationToken);
        return (result.GetProperty("address").GetString()!, result.GetProperty("account_index").GetUInt32());
    }

    /// <summary>The integrated address of the primary address with an 8-byte payment id (16 hex digits).</summary>
    public async Task<string> MakeIntegratedAddressAsync(string paymentIdHex, CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("make_integrated_address", new JsonObject { ["payment_id"] = paymentIdHex }, cancellationToken);
        return result.GetProperty("integrated_address").GetString()!;
    }

    /// <summary>The wallet's private spend key (a regtest wallet's: tests derive addresses from it).</summary>
    public Task<byte[]> GetPrivateSpendKeyAsync(CancellationToken cancellationToken = default) => QueryKeyAsync("spend_key", cancellationToken);

    /// <summary>The wallet's private view key.</summary>
    public Task<byte[]> GetPrivateViewKeyAsync(CancellationToken cancellationToken = default) => QueryKeyAsync("view_key", cancellationToken);

    /// <summary>Mines <see cref="BlocksToFund"/> blocks to the primary address, so that the wallet can make ring-16 transfers.</summary>
    public async Task FundAsync(CancellationToken cancellationToken = default)
    {
        await _node.MineAsync(BlocksToFund, await GetAddressAsync(cancellationToken), cancellationToken);
        await RefreshAsync(cancellationToken);
    }

    /// <summary>Catches the wallet up with the node's chain.</summary>
    public Task RefreshAsync(CancellationToken cancellationToken = default) => CallAsync("refresh", null, cancellationToken);

    /// <summary>The wallet's balance and unlocked balance, in atomic units.</summary>
    public async Task<(ulong Balance, ulong Unlocked)> GetBalanceAsync(CancellationToken cancellationToken = default)
    {
        var result = await CallAsync("get_balance", new JsonObject { ["account_index"] = 0 }, cancellationToken);
        return (result.GetProperty("balance").GetUInt64(), result.GetProperty("unlocked_balance").GetUInt64());
    }

    /// <summary>Pays each destination its amount (atomic units) in one transaction, broadcast by the wallet; returns its id and fee.</summary>
    public async Task<(string TxHash, ulong Fee)> TransferAsync(
        IReadOnlyList<(string Address, ulong Amount)> destinations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destinations);
        var parameters = new JsonObject
        {
            ["destinations"] = new JsonArray(destinations.Select(d => (JsonNode?)new JsonObject { ["address"] = d.Address, ["amount"] = d.Amount }).ToArray()),
        };
        var result = await CallAsync("transfer", parameters, cancellationToken);
        return (result.GetProperty("tx_hash").GetString()!, result.GetProperty("fee").GetUInt64());
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            using var stop = new MoneroRpcTransport(new MoneroRpcOptions { Url = RpcUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(10) });
            // stop_wallet saves the wallet first, which can take a moment.
            await _process.StopAsync(() => stop.CallJsonRpcAsync("stop_wallet", null, r => r), StopTimeout);
        }
        finally
        {
            Rpc.Dispose();
            _process.Dispose();
        }
    }

    private async Task<byte[]> QueryKeyAsync(string keyType, CancellationToken cancellationToken)
    {
        var result = await CallAsync("query_key", new JsonObject { ["key_type"] = keyType }, cancellationToken);
        return Convert.FromHexString(result.GetProperty("key").GetString()!);
    }

    private Task<JsonElement> CallAsync(string method, JsonObject? parameters, CancellationToken cancellationToken) =>
        Rpc.CallJsonRpcAsync(method, parameters, r => r, cancellationToken);

    private static RegtestProcess Launch(MonerodNode node, string directory, int port)
    {
        string[] arguments =
        [
            "--wallet-dir", directory, "--log-file", Path.Combine(directory, "wallet-rpc.log"), "--log-level", "0",
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", port.ToString(CultureInfo.InvariantCulture), "--disable-rpc-login",
            "--daemon-address", string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{node.RpcPort}"), "--trusted-daemon",
            "--non-interactive", "--max-concurrency", "2",
        ];
        return RegtestProcess.Start("monero-wallet-rpc", directory, arguments);
    }
}
