using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Embedded;

namespace Processor.Embedded.Litecoin;

/// <summary>
/// A <c>litecoind</c> regtest node (Bitcoin Core 0.21 code: taproot active from block 0, real Schnorr checks) in a fresh
/// temporary data directory, RPC on a free 127.0.0.1 port, MWEB kept inactive, a wallet created. Disposing it sends
/// <c>stop</c>, kills it by PID if it does not exit, and deletes the directory.
/// </summary>
/// <remarks>Start one per test that rewrites the chain (<c>invalidateblock</c>); share <see cref="LitecoinRegtest.Node"/> otherwise.</remarks>
public sealed class LitecoinNode : IAsyncDisposable, IDisposable
{
    /// <summary>Prefix of the data directories created in the temp folder.</summary>
    public const string DirectoryPrefix = "processor-ltc-";

    /// <summary>The wallet every node gets.</summary>
    public const string WalletName = "test";

    /// <summary>Blocks before a coinbase can be spent.</summary>
    public const int CoinbaseMaturity = 100;

    private const string RpcUser = "test";
    private const string RpcPassword = "test";
    private const string OwnerFile = "owner.pid";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(20);

    private readonly StringBuilder _errors;
    private Process _process;
    private int _disposed;
    private volatile bool _stopped;

    private LitecoinNode(string directory, int port, Process process, StringBuilder errors)
    {
        DirectoryPath = directory;
        RpcPort = port;
        _process = process;
        _errors = errors;
        Rpc = new BitcoinRpcClient(CreateRpcOptions());
    }

    /// <summary>The node's folder: <c>litecoin.conf</c> and the <c>regtest/</c> data (with <c>debug.log</c>).</summary>
    public string DirectoryPath { get; }

    /// <summary>The RPC port on 127.0.0.1.</summary>
    public int RpcPort { get; }

    /// <summary>The node's JSON-RPC endpoint.</summary>
    public Uri RpcUrl => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{RpcPort}/"));

    /// <summary>The node's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the node process has exited.</summary>
    public bool HasExited => _stopped || _process.HasExited;

    /// <summary>A client of this node (patient defaults: retries transient failures).</summary>
    public BitcoinRpcClient Rpc { get; private set; }

    /// <summary>Options for another client of this node (e.g. a service's configuration), with its credentials.</summary>
    public BitcoinRpcOptions CreateRpcOptions() => new() { Url = RpcUrl, User = RpcUser, Password = RpcPassword };

    /// <summary>
    /// The node as a service's configuration, in environment variables: where it answers (<c>Bitcoin__Rpc__Url</c>, …)
    /// and which network it runs (<c>Bitcoin__Network__Name</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> ServiceEnvironment()
    {
        var rpc = BitcoinRpcOptions.SectionName.Replace(":", "__", StringComparison.Ordinal);
        var network = BitcoinNetworkOptions.SectionName.Replace(":", "__", StringComparison.Ordinal);
        return new Dictionary<string, string>
        {
            [$"{rpc}__Url"] = RpcUrl.ToString(),
            [$"{rpc}__User"] = RpcUser,
            [$"{rpc}__Password"] = RpcPassword,
            [$"{network}__Name"] = BitcoinNetwork.LitecoinRegtest.Name,
        };
    }

    /// <summary>Starts a node, waits until its RPC answers, and creates the <see cref="WalletName"/> wallet.</summary>
    /// <exception cref="InvalidOperationException">litecoind is missing or did not start (the message has its output).</exception>
    public static async Task<LitecoinNode> StartAsync(CancellationToken cancellationToken = default)
    {
        AbandonedNodes.CleanUp(Path.GetTempPath(), DirectoryPrefix, OwnerFile, "litecoind.pid");
        var directory = Path.Combine(Path.GetTempPath(), DirectoryPrefix + Guid.NewGuid().ToString("N")[..16]);
        Directory.CreateDirectory(directory);
        // Written aside and renamed: another test's clean-up must never read a half-written owner file as "owner gone".
        var ownerFile = Path.Combine(directory, OwnerFile);
        await File.WriteAllTextAsync(ownerFile + ".tmp", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        File.Move(ownerFile + ".tmp", ownerFile);
        try
        {
            // A free port may be taken by someone else before litecoind binds it: then try another.
            for (var attempt = 1; ; attempt++)
            {
                var port = LoopbackPorts.GetFreePort();
                await File.WriteAllTextAsync(Path.Combine(directory, "litecoin.conf"), Config(port), cancellationToken);
                var node = Launch(directory, port);
                try
                {
                    await node.WaitUntilAnsweringAsync(cancellationToken);
                    await node.CreateWalletAsync(cancellationToken);
                    return node;
                }
                catch (Exception) when (attempt < 3 && node.HasExited && node.ErrorOutput.Contains("bind", StringComparison.OrdinalIgnoreCase))
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
            DeleteDirectory(directory);
            throw;
        }
    }

    /// <summary>
    /// Creates the wallet. The RPC client retries a call that timed out, and on a loaded machine the first createwallet can
    /// finish after its timeout: the retry then finds the wallet there, which in this fresh folder can only be ours.
    /// </summary>
    private async Task CreateWalletAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Rpc.CallAsync("createwallet", [WalletName], cancellationToken);
        }
        catch (BitcoinRpcException ex) when (ex.Message.Contains("already exists", StringComparison.Ordinal))
        {
            var loaded = await Rpc.CallAsync("listwallets", [], cancellationToken);
            if (!loaded.EnumerateArray().Any(w => w.GetString() == WalletName))
            {
                await Rpc.CallAsync("loadwallet", [WalletName], cancellationToken);
            }
        }
    }

    /// <summary>Height of the best chain tip.</summary>
    public Task<long> GetHeightAsync(CancellationToken cancellationToken = default) => Rpc.GetBlockCountAsync(cancellationToken);

    /// <summary>A new bech32 (segwit v0) address of the wallet.</summary>
    public async Task<string> GetNewAddressAsync(CancellationToken cancellationToken = default) =>
        (await Rpc.CallAsync("getnewaddress", ["", "bech32"], cancellationToken)).GetString()!;

    /// <summary>Mines <paramref name="blocks"/> blocks paying <paramref name="address"/> (a new wallet address by default); returns their hashes.</summary>
    public async Task<IReadOnlyList<string>> MineAsync(int blocks, string? address = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(blocks);
        address ??= await GetNewAddressAsync(cancellationToken);
        var hashes = await Rpc.CallAsync("generatetoaddress", [blocks, address], cancellationToken);
        return hashes.EnumerateArray().Select(h => h.GetString()!).ToList();
    }

    /// <summary>
    /// Mines until the wallet has mature coinbases to spend, several so that concurrent payments find separate coins (does
    /// nothing if it already has a balance).
    /// </summary>
    public async Task FundWalletAsync(CancellationToken cancellationToken = default)
    {
        var balance = (await Rpc.CallAsync("getbalance", [], cancellationToken)).GetDecimal();
        if (balance == 0)
        {
            await MineAsync(CoinbaseMaturity + 20, cancellationToken: cancellationToken);
        }
    }

    /// <summary>
    /// Pays <paramref name="satoshis"/> to <paramref name="address"/> from the wallet in a transaction that also carries an
    /// OP_RETURN output pushing <paramref name="data"/> (none when null), the wallet adding inputs and change; broadcasts it
    /// and returns its txid. The wallet must be funded (<see cref="FundWalletAsync"/>).
    /// </summary>
    public async Task<string> SendAsync(string address, long satoshis, byte[]? data = null, CancellationToken cancellationToken = default)
    {
        var outputs = new JsonArray(new JsonObject { [address] = JsonValue.Create(satoshis / 100_000_000m) });
        if (data is not null)
        {
            outputs.Add(new JsonObject { ["data"] = Convert.ToHexStringLower(data) });
        }

        var unfunded = await Rpc.CallAsync("createrawtransaction", [new JsonArray(), outputs], cancellationToken);
        // Locked coins are not picked again by a concurrent caller before this transaction is in the mempool.
        var funded = await Rpc.CallAsync("fundrawtransaction", [unfunded.GetString(), new JsonObject { ["lockUnspents"] = true }], cancellationToken);
        var signed = await Rpc.CallAsync("signrawtransactionwithwallet", [funded.GetProperty("hex").GetString()], cancellationToken);
        if (!signed.GetProperty("complete").GetBoolean())
        {
            throw new InvalidOperationException("The wallet could not sign the whole transaction: " + signed);
        }

        return await Rpc.SendRawTransactionAsync(Convert.FromHexString(signed.GetProperty("hex").GetString()!), cancellationToken);
    }

    /// <summary>Marks a block invalid: the node's best chain goes back to its parent (a reorg, once other blocks are mined).</summary>
    public Task InvalidateBlockAsync(string blockHash, CancellationToken cancellationToken = default) =>
        Rpc.CallAsync("invalidateblock", [blockHash], cancellationToken);

    /// <summary>Undoes <see cref="InvalidateBlockAsync"/>.</summary>
    public Task ReconsiderBlockAsync(string blockHash, CancellationToken cancellationToken = default) =>
        Rpc.CallAsync("reconsiderblock", [blockHash], cancellationToken);

    /// <summary>What the node printed on stderr (startup errors).</summary>
    public string ErrorOutput
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await StopProcessAsync();
        DeleteDirectory(DirectoryPath);
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static string Config(int port) => string.Create(CultureInfo.InvariantCulture, $"""
        regtest=1
        [regtest]
        server=1
        listen=0
        connect=0
        dnsseed=0
        fixedseeds=0
        upnp=0
        natpmp=0
        discover=0
        txindex=1
        fallbackfee=0.0002
        rpcbind=127.0.0.1
        rpcallowip=127.0.0.1
        rpcport={port}
        rpcuser={RpcUser}
        rpcpassword={RpcPassword}
        # Without this MWEB activates at height 432 and generatetoaddress fails from then on.
        vbparams=mweb:4102444800:4102444801

        """);

    /// <summary>
    /// Stops the node, keeping its folder, so that <see cref="StartAgainAsync"/> can bring it back: for tests of what a service
    /// does while its node is down. Its chain state is flushed to disk first, since a node whose clients keep connections
    /// open does not finish <c>stop</c> and is killed by PID after a few seconds.
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        // gettxoutsetinfo flushes the chain state and the block index: a killed node restarts at the same tip.
        await Rpc.CallAsync("gettxoutsetinfo", [], cancellationToken);
        await StopProcessAsync(TimeSpan.FromSeconds(5));
    }

    /// <summary>
    /// Starts the stopped node again on the same folder (its chain and wallet) and port, and waits until it answers. Its
    /// mempool is not restored (<c>-persistmempool=0</c>): transactions that were not mined are gone, as when a node drops them.
    /// </summary>
    /// <exception cref="InvalidOperationException">The node still runs, or did not start (the message has its output).</exception>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        if (!HasExited)
        {
            throw new InvalidOperationException("The node still runs: stop it first.");
        }

        _process = StartProcess(DirectoryPath, _errors, "-persistmempool=0");
        Rpc = new BitcoinRpcClient(CreateRpcOptions());
        _stopped = false;
        await WaitUntilAnsweringAsync(cancellationToken);
        await Rpc.CallAsync("loadwallet", [WalletName], cancellationToken);
    }

    private static LitecoinNode Launch(string directory, int port)
    {
        var errors = new StringBuilder();
        return new LitecoinNode(directory, port, StartProcess(directory, errors), errors);
    }

    private static Process StartProcess(string directory, StringBuilder errors, params string[] extraArguments)
    {
        var startInfo = new ProcessStartInfo("litecoind")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("-datadir=" + directory);
        startInfo.ArgumentList.Add("-printtoconsole=0");
        startInfo.ArgumentList.Add("-daemon=0");
        foreach (var argument in extraArguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo };
        process.ErrorDataReceived += (_, e) => Append(errors, e.Data);
        process.OutputDataReceived += (_, e) => Append(errors, e.Data);
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            process.Dispose();
            throw new InvalidOperationException("litecoind is not installed: apt-get install -y --no-install-recommends litecoind", ex);
        }

        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return process;
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var probeOptions = CreateRpcOptions();
        probeOptions.MaxAttempts = 1;
        probeOptions.RequestTimeout = TimeSpan.FromSeconds(5);
        using var probe = new BitcoinRpcClient(probeOptions);
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            try
            {
                await probe.GetBlockCountAsync(cancellationToken);
                return;
            }
            catch (BitcoinRpcException ex) when (ex.IsRetryable)
            {
                if (_process.HasExited)
                {
                    await _process.WaitForExitAsync(cancellationToken);
                    throw new InvalidOperationException(
                        $"litecoind exited with code {_process.ExitCode} before answering on port {RpcPort}: {ErrorOutput}{DebugLogTail()}");
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException(
                        $"litecoind did not answer on port {RpcPort} within {StartTimeout.TotalSeconds:F0} s ({ex.Message}).{DebugLogTail()}");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }

    /// <summary>Asks the node to stop; kills it by PID if it is still running after the timeout.</summary>
    private Task StopProcessAsync() => StopProcessAsync(StopTimeout);

    private async Task StopProcessAsync(TimeSpan timeout)
    {
        if (_stopped)
        {
            return;
        }

        // The node's HTTP server waits for open keep-alive connections before it exits: close ours first.
        Rpc.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                try
                {
                    var stopOptions = CreateRpcOptions();
                    stopOptions.MaxAttempts = 1;
                    stopOptions.RequestTimeout = TimeSpan.FromSeconds(5);
                    using var client = new BitcoinRpcClient(stopOptions);
                    await client.CallAsync("stop", []);
                }
                catch (BitcoinRpcException)
                {
                    // Not answering: it is killed below.
                }

                using var bound = new CancellationTokenSource(timeout);
                try
                {
                    await _process.WaitForExitAsync(bound.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            _stopped = true;
            _process.Dispose();
        }
    }

    private string DebugLogTail()
    {
        var log = Path.Combine(DirectoryPath, "regtest", "debug.log");
        return File.Exists(log) ? "\ndebug.log:\n" + string.Join('\n', File.ReadLines(log).TakeLast(20)) : "";
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static void DeleteDirectory(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
        catch (IOException)
        {
            // Best effort: a left-over folder is removed by the next run's clean-up.
        }
    }
}
