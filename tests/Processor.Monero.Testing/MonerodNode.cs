using System.Globalization;
using Processor.Embedded;
using Processor.Monero.Rpc;

namespace Processor.Monero.Testing;

/// <summary>
/// A <c>monerod --regtest --offline --fixed-difficulty 1</c> node in a fresh temporary folder, RPC on a free 127.0.0.1 port.
/// Hard fork 16 (CLSAG, Bulletproofs+, view tags, ring size 16) is in force from height 1; addresses have mainnet prefixes.
/// Disposing it stops its wallets' processes and itself (<c>stop_daemon</c>, then by PID) and deletes the folder.
/// </summary>
public sealed class MonerodNode : IAsyncDisposable
{
    /// <summary>A mainnet-format address nobody in the tests spends from: where blocks go that only advance the chain.</summary>
    public const string ThrowawayAddress = "42Yz67ucbLtdwJpNpZcpCJUGRo3aNzRbUXGRuPetoVdk2FzPB48e64ERD9e8wPHo51PMoPz47ZR81i5gTXg4AMVMMjXYRXL";

    /// <summary>Blocks a coinbase waits before it can be spent (its unlock time is its height + 60; spendable at tip h + 59).</summary>
    public const int CoinbaseUnlockBlocks = 60;

    /// <summary>Blocks after which a normal output can be spent: received in block h, spendable in block h + 10.</summary>
    public const int SpendableAge = 10;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly List<MoneroWallet> _wallets = [];

    // Two generateblocks at once build on the same parent and the node refuses one ("Block not accepted").
    private readonly SemaphoreSlim _mining = new(1, 1);
    private RegtestProcess _process;
    private int _disposed;

    private MonerodNode(string directory, int rpcPort, int p2pPort, RegtestProcess process)
    {
        DirectoryPath = directory;
        RpcPort = rpcPort;
        P2pPort = p2pPort;
        _process = process;
        Rpc = new MoneroRpcClient(CreateRpcOptions());
    }

    /// <summary>The node's folder (chain data, log, its wallets' folders).</summary>
    public string DirectoryPath { get; }

    /// <summary>The RPC port on 127.0.0.1.</summary>
    public int RpcPort { get; }

    /// <summary>The P2P port on 127.0.0.1 (bound but unused: the node is offline).</summary>
    public int P2pPort { get; }

    /// <summary>The node's RPC root.</summary>
    public Uri RpcUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{RpcPort}/"));

    /// <summary>The node's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the node process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>A client of this node (patient: long timeout for mining, retries of transient failures).</summary>
    public MoneroRpcClient Rpc { get; private set; }

    /// <summary>Options for another client of this node (e.g. a service's configuration).</summary>
    public MoneroRpcOptions CreateRpcOptions() => new() { Url = RpcUrl, RequestTimeout = TimeSpan.FromMinutes(2) };

    /// <summary>Starts a node and waits until its RPC answers.</summary>
    /// <exception cref="InvalidOperationException">monerod is missing or did not start (the message has its output).</exception>
    public static async Task<MonerodNode> StartAsync(CancellationToken cancellationToken = default)
    {
        var directory = await RegtestDirectory.CreateAsync(cancellationToken);
        try
        {
            // A free port may be taken by someone else before monerod binds it: then try others.
            for (var attempt = 1; ; attempt++)
            {
                var (rpcPort, p2pPort) = (LoopbackPorts.GetFreePort(), LoopbackPorts.GetFreePort());
                var node = new MonerodNode(directory, rpcPort, p2pPort, Launch(directory, rpcPort, p2pPort));
                try
                {
                    await node.WaitUntilAnsweringAsync(cancellationToken);
                    return node;
                }
                catch (InvalidOperationException) when (attempt < 3 && node.HasExited && node._process.Output.Contains("bind", StringComparison.OrdinalIgnoreCase))
                {
                    await node.StopProcessAsync();
                }
                catch
                {
                    await node.StopProcessAsync();
                    throw;
                }
            }
        }
        catch
        {
            RegtestDirectory.Delete(directory);
            throw;
        }
    }

    /// <summary>
    /// Mines <paramref name="blocks"/> blocks paying <paramref name="address"/> (a standard address; the node refuses
    /// subaddresses). Concurrent callers take turns.
    /// </summary>
    public async Task<MoneroGeneratedBlocks> MineAsync(int blocks, string address = ThrowawayAddress, CancellationToken cancellationToken = default)
    {
        await _mining.WaitAsync(cancellationToken);
        try
        {
            return await Rpc.GenerateBlocksAsync(blocks, address, cancellationToken);
        }
        finally
        {
            _mining.Release();
        }
    }

    /// <summary>
    /// Mines blocks, one at a time, until every transaction of <paramref name="txHashes"/> (in the pool) is in a block; returns
    /// the height of each. A transaction that is still not mined after <paramref name="maxBlocks"/> blocks fails.
    /// </summary>
    public async Task<IReadOnlyList<long>> MineUntilMinedAsync(IReadOnlyList<string> txHashes, int maxBlocks = 5, CancellationToken cancellationToken = default)
    {
        for (var block = 1; ; block++)
        {
            await MineAsync(1, cancellationToken: cancellationToken);
            var transactions = await Rpc.GetTransactionsAsync(txHashes, cancellationToken);
            if (transactions.All(t => !t.InPool))
            {
                return [.. transactions.Select(t => t.BlockHeight!.Value)];
            }

            if (block == maxBlocks)
            {
                throw new InvalidOperationException($"Still in the pool after {maxBlocks} blocks: {string.Join(", ", transactions.Where(t => t.InPool).Select(t => t.Hash))}");
            }
        }
    }

    /// <summary>Starts a monero-wallet-rpc on this node with a new wallet named <paramref name="name"/>; it is stopped with the node.</summary>
    public async Task<MoneroWallet> CreateWalletAsync(string name, CancellationToken cancellationToken = default)
    {
        var wallet = await MoneroWallet.StartAsync(this, name, cancellationToken);
        lock (_wallets)
        {
            _wallets.Add(wallet);
        }

        return wallet;
    }

    /// <summary>
    /// Stops the node, keeping its folder, so that <see cref="StartAgainAsync"/> can bring it back with the same chain: for tests
    /// of what a client does while its node is down.
    /// </summary>
    public Task StopAsync() => StopProcessAsync();

    /// <summary>Starts the stopped node again on the same folder (its chain) and port, and waits until it answers.</summary>
    /// <exception cref="InvalidOperationException">The node still runs, or did not start.</exception>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            throw new InvalidOperationException("The node still runs: stop it first.");
        }

        _process.Dispose();
        _process = Launch(DirectoryPath, RpcPort, P2pPort);
        Rpc = new MoneroRpcClient(CreateRpcOptions());
        await WaitUntilAnsweringAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        List<MoneroWallet> wallets;
        lock (_wallets)
        {
            wallets = [.. _wallets];
        }

        foreach (var wallet in wallets)
        {
            await wallet.DisposeAsync();
        }

        await StopProcessAsync();
        _process.Dispose();
        _mining.Dispose();
        RegtestDirectory.Delete(DirectoryPath);
    }

    private static RegtestProcess Launch(string directory, int rpcPort, int p2pPort)
    {
        var data = Path.Combine(directory, "monerod");
        Directory.CreateDirectory(data);
        string[] arguments =
        [
            "--regtest", "--offline", "--fixed-difficulty", "1",
            // Without it a restart (StartAgainAsync) would begin a fresh chain.
            "--keep-fakechain",
            "--data-dir", data, "--log-file", Path.Combine(data, "monerod.log"), "--log-level", "0",
            "--rpc-bind-ip", "127.0.0.1", "--rpc-bind-port", rpcPort.ToString(CultureInfo.InvariantCulture),
            "--p2p-bind-ip", "127.0.0.1", "--p2p-bind-port", p2pPort.ToString(CultureInfo.InvariantCulture),
            "--no-igd", "--no-zmq", "--non-interactive", "--disable-dns-checkpoints", "--check-updates", "disabled",
            "--max-concurrency", "2",
        ];
        return RegtestProcess.Start("monerod", directory, arguments);
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        using var probe = new MoneroRpcClient(new MoneroRpcOptions { Url = RpcUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) });
        await _process.WaitUntilAnsweringAsync(() => probe.GetInfoAsync(cancellationToken), RpcPort, StartTimeout, cancellationToken);
    }

    private async Task StopProcessAsync()
    {
        Rpc.Dispose();
        using var transport = new MoneroRpcTransport(new MoneroRpcOptions { Url = RpcUrl, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(5) });
        await _process.StopAsync(
            () => transport.CallPathAsync("stop_daemon", new System.Text.Json.Nodes.JsonObject(), answer => answer),
            StopTimeout);
    }
}
