using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Signer.V1;
using Processor.Contracts;
using Processor.Crypto.Secp256k1;
using Processor.Embedded.Kafka;
using Processor.Embedded.Litecoin;
using Processor.Embedded;
using Processor.Messaging.Provisioning;
using Processor.Monero.Testing;
using Processor.Networks.Plugins.Monero;
using Processor.Testing.Litecoin;
using Processor.Testing;

namespace Processor.Scanner.Tests.Support;

/// <summary>
/// One scanner under test: its own regtest node (litecoind for the Bitcoin plug-in, or a given monerod for the Monero one),
/// Postgres schema, network name (so its own topics) and health port, on the shared Postgres server and Kafka broker. The
/// scanner runs as a child process, so it can be SIGKILLed.
/// </summary>
public sealed class ScannerTestBed : IAsyncDisposable
{
    /// <summary>The finality depth the scanner is configured with (the default).</summary>
    public const int Confirmations = 6;
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(180);

    private readonly EmbeddedKafkaControlServer? _control;
    private readonly LitecoinNode? _litecoin;
    private readonly bool _ownsNode;
    private readonly TestNode _node;
    private readonly int _healthPort = LoopbackPorts.GetFreePort();
    private ChildProcess? _scanner;

    private ScannerTestBed(TestNode node, LitecoinNode? litecoin, bool ownsNode, EmbeddedKafkaControlServer? control)
    {
        _node = node;
        _litecoin = litecoin;
        _ownsNode = ownsNode;
        _control = control;
        // The plug-in, under a network name of its own (its own topics).
        Network = node.Plugin + "-t" + Guid.NewGuid().ToString("N")[..12];
        Schema = PostgresServer.CreateSchemaName("scanner");
        Topics = Contracts.Topics.For(Network);
    }

    /// <summary>The litecoind node of a Bitcoin bed.</summary>
    public LitecoinNode Node => _litecoin ?? throw new InvalidOperationException("This bed scans Monero: it has no litecoind.");

    public string Network { get; }

    public string Schema { get; }

    public NetworkTopics Topics { get; }

    /// <summary>Everything the current (or last) scanner process printed.</summary>
    public string ScannerOutput => _scanner?.Output ?? "(no scanner started)";

    public bool ScannerHasExited => _scanner?.HasExited ?? true;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A bed with its own node, or on <paramref name="sharedNode"/> (which the caller keeps and disposes).</summary>
    public static async Task<ScannerTestBed> StartAsync(LitecoinNode? sharedNode = null)
    {
        var node = sharedNode ?? await LitecoinNode.StartAsync(Cancel);
        var settings = new Dictionary<string, string>(node.ServiceEnvironment()) { ["Bitcoin__Rpc__InitialBackoff"] = "00:00:00.050" };
        return await StartAsync(new TestNode("bitcoin", settings, Confirmations, node.GetHeightAsync), node, ownsNode: sharedNode is null);
    }

    /// <summary>A bed whose scanner runs the Monero plug-in on <paramref name="node"/> (which the caller keeps and disposes).</summary>
    public static Task<ScannerTestBed> StartForMoneroAsync(MonerodNode node)
    {
        var settings = new Dictionary<string, string>
        {
            ["Monero__Rpc__Url"] = node.RpcUrl.ToString(),
            ["Monero__Rpc__InitialBackoff"] = "00:00:00.050",
            ["Monero__Network__Name"] = "regtest",
        };
        return StartAsync(
            new TestNode("monero", settings, MoneroPlugin.Confirmations, async cancel => await node.Rpc.GetBlockCountAsync(cancel) - 1), null, ownsNode: false);
    }

    private static async Task<ScannerTestBed> StartAsync(TestNode node, LitecoinNode? litecoin, bool ownsNode)
    {
        var control = KafkaBroker.IsReal ? null : await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0);
        var bed = new ScannerTestBed(node, litecoin, ownsNode, control);
        await KafkaBroker.Provisioner.EnsureTopicsAsync(bed.Topics.All.Select(t => new TopicSpec(t.Name, t.Partitions)).ToList(), Cancel);
        return bed;
    }

    /// <summary>The scanner's configuration (environment variables), as a deployment gives it.</summary>
    public Dictionary<string, string> Environment()
    {
        var environment = TestServiceEnvironment.OnTestBroker(Network, _control, _healthPort, _node.Settings);
        environment["ConnectionStrings__Postgres"] = PostgresServer.ConnectionString;
        environment["Messaging__Schema"] = Schema;
        environment["Messaging__ConsumerGroup"] = "group-" + Schema;
        environment["Scanner__PollInterval"] = "00:00:00.100";
        environment["Scanner__MaxRetryInterval"] = "00:00:01";
        return environment;
    }

    public void StartScanner(IReadOnlyDictionary<string, string>? environment = null)
    {
        _scanner?.Dispose();
        _scanner = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Scanner"), environment: environment ?? Environment());
    }

    /// <summary>SIGKILL: the scanner gets no chance to finish what it is doing.</summary>
    public void KillScanner() => _scanner?.Kill();

    public async Task<int?> WaitForScannerExitAsync(TimeSpan timeout) =>
        _scanner is null ? null : await _scanner.WaitForExitAsync(timeout);

    /// <summary>Publishes the signer's KeyActivated for a new group key (active from the first block) and returns the key.</summary>
    public async Task<byte[]> PublishKeyAsync(uint session)
    {
        var message = NewKey(session, activationBlock: null);
        await PublishAsync(Topics.SignerKeys, message);
        return message.KeyPair.NetworkKey.ToByteArray();
    }

    /// <summary>A KeyActivated for a new random key pair, active from the first block or from <paramref name="activationBlock"/>.</summary>
    public static KeyActivated NewKey(uint session, ulong? activationBlock)
    {
        var message = new KeyActivated
        {
            Network = NetworkId.Bitcoin,
            Session = session,
            KeyPair = new KeyPair
            {
                SubstrateKey = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(32)),
                NetworkKey = ByteString.CopyFrom(Bip340.XOnlyPublicKey(RandomNumberGenerator.GetBytes(32))),
            },
            ActivationTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        };
        if (activationBlock is { } block)
        {
            message.ActivationBlockNumber = block;
        }

        return message;
    }

    /// <summary>Waits until no key is catching up any more (every late key has been scanned up to the main scan).</summary>
    public Task WaitUntilKeysCaughtUpAsync() => WaitForAsync("keys caught up", async connection =>
        await connection.ExecuteScalarAsync<bool>($"SELECT NOT EXISTS (SELECT 1 FROM {Schema}.keys WHERE catch_up_height IS NOT NULL)"));

    /// <summary>Publishes <paramref name="message"/> as another service would.</summary>
    public Task PublishAsync(string topic, IMessage message) => EventProducer.PublishAsync(topic, Network, message, Cancel);

    /// <summary>Waits until the scanner has registered the eventuality of <paramref name="planId"/>.</summary>
    public Task WaitForEventualityAsync(byte[] planId) => WaitForAsync(
        "the plan's eventuality",
        async connection => await connection.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM {Schema}.eventualities WHERE plan_id = @planId)", new { planId }));

    /// <summary>The height that completed the eventuality of <paramref name="planId"/> (null: open), and whether blocks remain to look back at for it.</summary>
    public async Task<(long? CompletedHeight, bool LookBackPending)> EventualityStateAsync(byte[] planId)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        return await connection.QuerySingleAsync<(long?, bool)>(
            $"SELECT completed_height, look_back_to IS NOT NULL FROM {Schema}.eventualities WHERE plan_id = @planId", new { planId });
    }

    /// <summary>The External (deposit) address of <paramref name="groupKey"/> on the test node's network.</summary>
    public static string ExternalAddress(byte[] groupKey) => AddressKinds.Address(groupKey, AddressKind.External, BitcoinNetwork.LitecoinRegtest);

    /// <summary>Waits until the scanner has stored the key of <paramref name="session"/>.</summary>
    public Task WaitForKeyAsync(uint session) => WaitForAsync(
        $"the key of session {session}",
        async connection => await connection.ExecuteScalarAsync<bool>(
            $"SELECT EXISTS (SELECT 1 FROM {Schema}.keys WHERE session = @session)", new { session = (int)session }));

    /// <summary>
    /// Waits until the scanner has scanned every block that is final at the node's current tip (<c>tip − 5</c> for Bitcoin);
    /// returns the next height.
    /// </summary>
    public async Task<long> WaitUntilCaughtUpAsync()
    {
        var expected = await _node.TipHeightAsync(Cancel) - (_node.Confirmations - 1) + 1;
        await WaitForAsync($"next height {expected}", async connection =>
            await connection.ExecuteScalarAsync<long>($"SELECT next_height FROM {Schema}.scan_progress") == expected);
        return expected;
    }

    /// <summary>Waits until the scanner has halted; returns the reason.</summary>
    public async Task<string> WaitUntilHaltedAsync()
    {
        await WaitForAsync("a safe halt", async connection =>
            await connection.ExecuteScalarAsync<bool>($"SELECT halted_reason IS NOT NULL FROM {Schema}.scan_progress"));
        return (await ProgressAsync()).HaltedReason!;
    }

    public async Task<(long NextHeight, string? HaltedReason)> ProgressAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        return await connection.QuerySingleAsync<(long, string?)>($"SELECT next_height, halted_reason FROM {Schema}.scan_progress");
    }

    /// <summary>Waits until the scanner's next height passes <paramref name="height"/> (scanning is under way).</summary>
    public Task WaitForNextHeightAboveAsync(long height) => WaitForAsync($"next height above {height}", async connection =>
        await connection.ExecuteScalarAsync<bool>(
            $"SELECT to_regclass('{Schema}.scan_progress') IS NOT NULL AND (SELECT next_height FROM {Schema}.scan_progress) > @height",
            new { height }));

    /// <summary>GET /health/ready of the scanner.</summary>
    public async Task<(HttpStatusCode Status, string Body)> ReadinessAsync()
    {
        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{_healthPort}/health/ready"), Cancel);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    /// <summary>Polls readiness until <paramref name="done"/> holds (bounded).</summary>
    public async Task<(HttpStatusCode Status, string Body)> WaitForReadinessAsync(Func<HttpStatusCode, string, bool> done)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        (HttpStatusCode, string) last = (HttpStatusCode.ServiceUnavailable, "no answer");
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await ReadinessAsync();
                if (done(last.Item1, last.Item2))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException($"Readiness never matched; last {last}.\n{ScannerOutput}");
    }

    /// <summary>
    /// The ScannedBlock events published so far, once the last part of block <paramref name="height"/> is among them. Blocks
    /// are published in height order, so every block up to it is there too; counting records would not do, because key
    /// parts and redelivered copies count as well.
    /// </summary>
    public Task<List<ReadEvent<ScannedBlock>>> ScannedThroughAsync(long height) =>
        TopicReader.ReadUntilAsync(
            Topics.ScannerBlocks,
            ScannedBlock.Parser,
            events => events.Exists(e => !e.Message.HasKeySession && e.Message.Height >= (ulong)height && e.Message.Part + 1 == e.Message.PartCount));

    /// <summary>The ReorgDetected events published so far, once there are at least <paramref name="atLeast"/>.</summary>
    public Task<List<ReadEvent<ReorgDetected>>> ReorgAlertsAsync(long atLeast) =>
        TopicReader.ReadAtLeastAsync(Topics.ScannerAlerts, ReorgDetected.Parser, atLeast);

    public async ValueTask DisposeAsync()
    {
        _scanner?.Dispose();
        if (_control is not null)
        {
            await _control.DisposeAsync();
        }

        if (_ownsNode && _litecoin is not null)
        {
            await _litecoin.DisposeAsync();
        }
    }

    private async Task WaitForAsync(string what, Func<NpgsqlConnection, Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Cancel);
        while (DateTime.UtcNow < deadline)
        {
            if (ScannerHasExited && _scanner is not null)
            {
                throw new InvalidOperationException($"The scanner exited while waiting for {what}:\n{ScannerOutput}");
            }

            try
            {
                if (await condition(connection))
                {
                    return;
                }
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
            {
                // Not migrated yet.
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException($"Waited {WaitLimit.TotalSeconds:F0} s for {what}.\n{ScannerOutput}");
    }

    /// <summary>What the bed needs of its node: the plug-in, its settings for the scanner, its finality, its tip.</summary>
    private sealed record TestNode(
        string Plugin, IReadOnlyDictionary<string, string> Settings, int Confirmations, Func<CancellationToken, Task<long>> TipHeightAsync);
}
