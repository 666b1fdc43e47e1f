using System.Globalization;
using Dapper;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Npgsql;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Signer.V1;
using Processor.Embedded;
using Processor.Embedded.Kafka;
using Processor.Embedded.Litecoin;
using Processor.Messaging.Provisioning;
using Processor.Testing;

namespace Processor.Scheduler.Tests.Support;

/// <summary>
/// One scheduler under test: its own litecoind regtest node (so it may be stopped and started), Postgres schema, network name
/// (so its own topics) and health port, on the shared Postgres server and Kafka broker. The scheduler runs as a child process,
/// so it can be SIGKILLed. The test plays the other services: it publishes what the signer, the reporter and the scanner would,
/// and watches the scheduler's two output topics.
/// </summary>
public sealed class SchedulerTestBed : IAsyncDisposable
{
    /// <summary>How long a step may take before the test fails (a bound, not an assertion on speed).</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(120);

    /// <summary>The session of the bed's key.</summary>
    public const uint Session = 1;

    private readonly EmbeddedKafkaControlServer? _control;
    private readonly int _healthPort = LoopbackPorts.GetFreePort();
    private ChildProcess? _scheduler;

    private SchedulerTestBed(LitecoinNode node, EmbeddedKafkaControlServer? control)
    {
        Node = node;
        _control = control;
        Network = "bitcoin-s" + Guid.NewGuid().ToString("N")[..12];
        Schema = PostgresServer.CreateSchemaName("scheduler");
        Topics = Contracts.Topics.For(Network);
        Events = TopicWatch.Start(Topics.ProcessorEvents);
        Plans = TopicWatch.Start(Topics.SchedulerPlans);
    }

    public LitecoinNode Node { get; }

    public string Network { get; }

    public string Schema { get; }

    public NetworkTopics Topics { get; }

    /// <summary>Everything on <c>processor.events</c> (to the coordinator).</summary>
    public TopicWatch Events { get; }

    /// <summary>Everything on <c>scheduler.plans</c> (to the signer and the scanner).</summary>
    public TopicWatch Plans { get; }

    public TestKey Key { get; } = TestKey.Create();

    /// <summary>Everything the current (or last) scheduler process printed.</summary>
    public string SchedulerOutput => _scheduler?.Output ?? "(no scheduler started)";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>A bed with a funded node of its own and its topics created; the scheduler is not started yet.</summary>
    public static async Task<SchedulerTestBed> StartAsync()
    {
        var node = await LitecoinNode.StartAsync(Cancel);
        await node.FundWalletAsync(Cancel);
        var control = KafkaBroker.IsReal ? null : await EmbeddedKafkaControlServer.StartAsync(KafkaBroker.Embedded!, port: 0);
        var bed = new SchedulerTestBed(node, control);
        await KafkaBroker.Provisioner.EnsureTopicsAsync(bed.Topics.All.Select(t => new TopicSpec(t.Name, t.Partitions)).ToList(), Cancel);
        return bed;
    }

    /// <summary>The scheduler's configuration (environment variables), as a deployment gives it, with short test intervals.</summary>
    public Dictionary<string, string> Environment()
    {
        var environment = TestServiceEnvironment.OnTestBroker(Network, _control, _healthPort, Node.ServiceEnvironment());
        environment["ConnectionStrings__Postgres"] = PostgresServer.ConnectionString;
        environment["Messaging__Schema"] = Schema;
        environment["Messaging__ConsumerGroup"] = "group-" + Schema;
        environment["Messaging__ParkRecheckInterval"] = "00:00:00.200";
        environment["Messaging__MaxRetryBackoff"] = "00:00:01";
        environment["Scheduler__PublishPollInterval"] = "00:00:00.100";
        environment["Scheduler__RebroadcastInterval"] = "00:00:01";
        environment["Scheduler__MaxRetryInterval"] = "00:00:01";
        environment["Bitcoin__Rpc__InitialBackoff"] = "00:00:00.050";
        environment["Bitcoin__Rpc__MaxAttempts"] = "2";

        return environment;
    }

    public void StartScheduler()
    {
        _scheduler?.Dispose();
        _scheduler = ChildProcess.Start(ChildProcess.RepositoryDll("Processor.Scheduler"), environment: Environment());
    }

    /// <summary>SIGKILL: the scheduler gets no chance to finish what it is doing.</summary>
    public void KillScheduler() => _scheduler?.Kill();

    /// <summary>SIGSTOP: the scheduler is frozen where it is (it keeps its connections and does nothing) until <see cref="ResumeScheduler"/>.</summary>
    public void SuspendScheduler() => Signal("-STOP");

    /// <summary>SIGCONT: the frozen scheduler goes on.</summary>
    public void ResumeScheduler() => Signal("-CONT");

    /// <summary>Publishes <paramref name="message"/> as another service would (as <paramref name="eventId"/> to redeliver one).</summary>
    public Task<Guid> PublishAsync(string topic, IMessage message, Guid? eventId = null) =>
        EventProducer.PublishAsync(topic, Network, message, Cancel, eventId);

    /// <summary>Publishes the signer's KeyActivated for the bed's key.</summary>
    public Task PublishKeyAsync() => PublishAsync(Topics.SignerKeys, KeyActivation());

    /// <summary>The signer's KeyActivated for the bed's key.</summary>
    public KeyActivated KeyActivation() => new()
    {
        Network = NetworkId.Bitcoin,
        Session = Session,
        KeyPair = new KeyPair { SubstrateKey = ByteString.CopyFrom(new byte[32]), NetworkKey = ByteString.CopyFrom(Key.NetworkKey) },
        ActivationTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
    };

    /// <summary>
    /// Pays <paramref name="satoshis"/> to the key's External address and mines the block: the block with the output as the
    /// scanner reports it.
    /// </summary>
    public async Task<AcknowledgedBlock> DepositAsync(long satoshis)
    {
        var txid = await Node.SendAsync(AddressKinds.Address(Key.NetworkKey, AddressKind.External, BitcoinNetwork.LitecoinRegtest), satoshis, null, Cancel);
        var hash = (await Node.MineAsync(1, cancellationToken: Cancel))[0];
        var script = Key.ScriptOf(AddressKind.External);
        var transaction = await Node.Rpc.CallAsync("getrawtransaction", [txid, true], Cancel);
        var vout = transaction.GetProperty("vout").EnumerateArray()
            .Single(o => o.GetProperty("scriptPubKey").GetProperty("hex").GetString() == Convert.ToHexStringLower(script))
            .GetProperty("n").GetUInt32();
        return new AcknowledgedBlock
        {
            Height = (ulong)await Node.GetHeightAsync(Cancel),
            Hash = ByteString.CopyFrom(Hash256.Parse(hash).ToArray()),
            Outputs =
            {
                new KeyOutputs
                {
                    Session = Session,
                    NetworkKey = ByteString.CopyFrom(Key.NetworkKey),
                    Outputs =
                    {
                        new Output
                        {
                            Id = new OutputId { Txid = ByteString.CopyFrom(Hash256.Parse(txid).ToArray()), Vout = vout },
                            Kind = OutputKind.External,
                            Coin = Coin.Bitcoin,
                            Amount = (ulong)satoshis,
                            Script = ByteString.CopyFrom(script),
                        },
                    },
                },
            },
        };
    }

    /// <summary>The reporter's acknowledgement of Serai block <paramref name="seraiBlock"/>: the given blocks' outputs and burns, the last block required.</summary>
    public static OutputsAcknowledged Acknowledgement(ulong seraiBlock, IReadOnlyList<AcknowledgedBlock> blocks, params Burn[] burns) => new()
    {
        Network = NetworkId.Bitcoin,
        SeraiBlockNumber = seraiBlock,
        SeraiTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddSeconds((double)seraiBlock)),
        BatchIds = { blocks.Select((_, i) => (uint)i) },
        Blocks = { blocks },
        Burns = { burns },
        RequiredBlockHeight = blocks[^1].Height,
        RequiredBlockHash = blocks[^1].Hash,
    };

    /// <summary>A burn of <paramref name="satoshis"/> to a fresh P2PKH destination (Serai's ExternalAddress <c>00 ‖ hash160</c>).</summary>
    public static Burn BurnToNewP2pkh(ulong satoshis) => new()
    {
        Coin = Coin.Bitcoin,
        Amount = satoshis,
        Destination = ByteString.CopyFrom([0, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(20)]),
    };

    /// <summary>The P2PKH script a burn's destination names.</summary>
    public static byte[] ScriptOf(Burn burn) => [0x76, 0xa9, 0x14, .. burn.Destination.Span[1..], 0x88, 0xac];

    /// <summary>Whether the node's mempool holds <paramref name="txid"/> (internal byte order).</summary>
    public async Task<bool> InMempoolAsync(ByteString txid)
    {
        var mempool = await Node.Rpc.CallAsync("getrawmempool", [], Cancel);
        var display = new Hash256(txid.Span).ToString();
        return mempool.EnumerateArray().Any(t => t.GetString() == display);
    }

    /// <summary>Waits (bounded) until <paramref name="condition"/> holds, describing what it waited for on failure.</summary>
    public Task WaitUntilAsync(string what, Func<Task<bool>> condition) => BoundedWait.UntilAsync(
        what, async _ => await condition() ? Probe.Met("yes") : Probe.NotYet("not yet"), WaitLimit, Cancel, () => SchedulerOutput);

    /// <summary>A value of the scheduler's schema, once its tables exist (null before, or when the query has no row).</summary>
    public async Task<T?> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        try
        {
            return await connection.QuerySingleOrDefaultAsync<T>(sql.Replace("{schema}", Schema, StringComparison.Ordinal), parameters);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidSchemaName)
        {
            return default;
        }
    }

    /// <summary>The plan's state in the scheduler's table (null while it has none).</summary>
    public Task<string?> PlanStateAsync(ByteString planId) =>
        QueryAsync<string>("SELECT state FROM {schema}.plans WHERE plan_id = @planId", new { planId = planId.ToByteArray() });

    /// <summary>The scanner's part of a finalized block at <paramref name="height"/> that completes <paramref name="plan"/>.</summary>
    public static ScannedBlock BlockCompleting(Contracts.Scheduler.V1.PlanCreated plan, ulong height, byte[] hash) => new()
    {
        Network = NetworkId.Bitcoin,
        Height = height,
        Hash = ByteString.CopyFrom(hash),
        ParentHash = ByteString.CopyFrom(new byte[32]),
        Time = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        MedianTime = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch),
        CompletedEventualities = { new CompletedEventuality { Session = plan.Session, PlanId = plan.PlanId, Txid = plan.EventualityTxid } },
        PartCount = 1,
    };

    private void Signal(string signal)
    {
        var scheduler = _scheduler ?? throw new InvalidOperationException("No scheduler was started.");
        using var kill = System.Diagnostics.Process.Start("kill", [signal, scheduler.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill {signal} {scheduler.Id} failed with exit code {kill.ExitCode}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _scheduler?.Dispose();
        Events.Dispose();
        Plans.Dispose();
        Key.Dispose();
        if (_control is not null)
        {
            await _control.DisposeAsync();
        }

        await Node.DisposeAsync();
    }
}
