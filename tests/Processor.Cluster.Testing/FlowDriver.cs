using System.Globalization;
using Google.Protobuf;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Embedded.Litecoin;

namespace Processor.Cluster.Testing;

/// <summary>
/// Drives the whole flow of a <see cref="RunningCluster"/> with confirmed keys: deposits from the node's wallet, burns through
/// the simulated Serai chain, and <see cref="SettleAsync"/>, which mines only when every validator has done all it can with
/// the blocks it has (Batches built and executed, Serai blocks acknowledged, plans published), so every run of the same
/// script puts the same transactions in its blocks however slow or crashed the services were meanwhile.
/// </summary>
public sealed class FlowDriver
{
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(250);

    private readonly HashSet<string> _batchBlocks = [];
    private readonly byte[][] _keyScripts;
    private long _checkedHeight;

    private FlowDriver(RunningCluster running, GeneratedKeys keys, int confirmations, long startHeight)
    {
        Running = running;
        Keys = keys;
        Confirmations = confirmations;
        StartHeight = startHeight;
        _checkedHeight = startHeight - 1;
        Wallet = new WalletDeposits(Node);
        Chain = new ChainView(Node);
        _keyScripts = [.. AddressKinds.All.Select(Script)];
    }

    public RunningCluster Running { get; }

    public GeneratedKeys Keys { get; }

    /// <summary>The services' finality rule: a block is final once this many blocks (itself included) are on it.</summary>
    public int Confirmations { get; }

    /// <summary>The first block of this flow: the key is active from it on.</summary>
    public long StartHeight { get; }

    public LitecoinNode Node => Running.Cluster.Spec.EffectiveNode;

    public WalletDeposits Wallet { get; }

    public ChainView Chain { get; }

    /// <summary>
    /// Starts a flow with <paramref name="keys"/> (confirmed at every signer): mines <paramref name="confirmations"/> blocks so
    /// the key's activation block (the first final block timed at or after the key was set) lies behind every deposit.
    /// </summary>
    public static async Task<FlowDriver> StartAsync(RunningCluster running, GeneratedKeys keys, int confirmations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(keys);
        var node = running.Cluster.Spec.EffectiveNode;
        await node.FundWalletAsync(cancellationToken);
        await node.MineAsync(confirmations, cancellationToken: cancellationToken);
        return new FlowDriver(running, keys, confirmations, await node.GetHeightAsync(cancellationToken) + 1);
    }

    /// <summary>The key's scriptPubKey for <paramref name="kind"/> (External: where users deposit).</summary>
    public byte[] Script(AddressKind kind) => AddressKinds.ScriptPubKey(Keys.KeyPair.NetworkKey.Span, kind);

    /// <summary>Seals a Serai block burning <paramref name="burns"/> (announced to every validator).</summary>
    public Task<SeraiBlock> BurnAsync(IReadOnlyList<Burn> burns, CancellationToken cancellationToken) =>
        Running.Simulation.BurnAsync(burns, cancellationToken);

    /// <summary>A burn of Bitcoin to <paramref name="destination"/> (Serai's ExternalAddress bytes).</summary>
    public static Burn BurnOf(long satoshis, byte[] destination) =>
        new() { Coin = Coin.Bitcoin, Amount = (ulong)satoshis, Destination = ByteString.CopyFrom(destination) };

    /// <summary>
    /// Waits (bounded) until the flow is at rest: every final block paying the key has a Batch at every validator, every Batch
    /// is executed on Serai, every Serai block with Batches or burns is acknowledged by every validator, every plan is created
    /// at every validator, published, mined, final and reported completed. Mines <see cref="Confirmations"/> blocks whenever
    /// the mempool holds transactions and nothing else is pending.
    /// </summary>
    public Task SettleAsync(TimeSpan limit, CancellationToken cancellationToken) =>
        Running.Cluster.WaitUntilAsync("the flow to settle", ProbeAsync, limit, cancellationToken, SettlePoll);

    /// <summary>The plans every validator created so far, by plan id (hex), as validator 1 published them.</summary>
    public IReadOnlyDictionary<string, PlanCreated> Plans() => Running.Plans[0].All<PlanCreated>()
        .GroupBy(p => Hex(p.PlanId))
        .ToDictionary(g => g.Key, g => g.First());

    /// <summary>
    /// The display (RPC) hex of a txid or block hash carried in the network's own byte order, as contracts carry them (Bitcoin:
    /// internal order, the reverse of what litecoind prints).
    /// </summary>
    public static string DisplayHex(ByteString hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        return new Hash256(hash.Span).ToString();
    }

    public static string Hex(ByteString bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return Convert.ToHexStringLower(bytes.Span);
    }

    private async Task<Probe> ProbeAsync(CancellationToken cancellationToken)
    {
        var final = await Node.GetHeightAsync(cancellationToken) - (Confirmations - 1);
        if (final > _checkedHeight)
        {
            // The scanner ignores outputs under the dust limit: a block paying the key only those gets no Batch.
            _batchBlocks.UnionWith(await Chain.BlocksPayingAsync(
                _checkedHeight + 1, final, _keyScripts, BitcoinNetwork.LitecoinRegtest.DustThreshold, cancellationToken));
            _checkedHeight = final;
        }

        if (await PendingAsync(cancellationToken) is { } pending)
        {
            return Probe.NotYet(pending);
        }

        if (await Chain.MempoolSizeAsync(cancellationToken) > 0)
        {
            await Node.MineAsync(Confirmations, cancellationToken: cancellationToken);
            return Probe.NotYet("mined the mempool's transactions");
        }

        var plans = Plans().Keys.ToHashSet();
        foreach (var (events, participant) in Running.Events.Select((e, i) => (e, i + 1)))
        {
            var completed = events.All<PlanCompleted>().Select(c => Hex(c.PlanId)).ToHashSet();
            if (plans.Except(completed).FirstOrDefault() is { } open)
            {
                return Probe.NotYet($"validator {participant} has not reported plan {open} completed");
            }
        }

        return Probe.Met(string.Create(CultureInfo.InvariantCulture, $"{_batchBlocks.Count} block(s) reported, {plans.Count} plan(s) completed"));
    }

    /// <summary>What the validators still have to do with what they were given, or null when nothing.</summary>
    private async Task<string?> PendingAsync(CancellationToken cancellationToken)
    {
        var batchIds = new HashSet<uint>();
        foreach (var (events, participant) in Running.Events.Select((e, i) => (e, i + 1)))
        {
            var batches = events.All<Batch>();
            batchIds.UnionWith(batches.Select(b => b.Id));
            var reported = batches.Select(b => DisplayHex(b.ExternalBlockHash)).ToHashSet();
            if (_batchBlocks.Except(reported).FirstOrDefault() is { } missing)
            {
                return $"validator {participant} has no Batch for block {missing} yet";
            }
        }

        var state = await Running.Simulation.StateAsync(cancellationToken);
        var executed = state.Blocks.SelectMany(b => b.BatchIds).ToHashSet();
        var unexecuted = batchIds.Except(executed).Order().ToList();
        if (unexecuted.Count > 0)
        {
            return $"Batch {unexecuted[0]} is not executed on Serai yet";
        }

        var announced = state.Blocks.Where(b => b.SentTo.Count > 0).Select(b => b.Number).ToList();
        var plans = Plans();
        foreach (var (events, participant) in Running.Events.Select((e, i) => (e, i + 1)))
        {
            var acknowledgements = events.All<SubstrateBlockAcknowledged>();
            var acknowledged = acknowledgements.Select(a => a.SeraiBlockNumber).ToHashSet();
            var open = announced.Where(n => !acknowledged.Contains(n)).ToList();
            if (open.Count > 0)
            {
                return $"validator {participant} has not acknowledged Serai block {open[0]}";
            }

            var created = Running.Plans[participant - 1].All<PlanCreated>().Select(p => Hex(p.PlanId)).ToHashSet();
            var named = acknowledgements.SelectMany(a => a.PlanIds).Select(Hex).Concat(plans.Keys);
            if (named.FirstOrDefault(id => !created.Contains(id)) is { } absent)
            {
                return $"validator {participant} has not created plan {absent}";
            }
        }

        foreach (var (id, plan) in plans)
        {
            if (!await Chain.KnowsAsync(DisplayHex(plan.EventualityTxid), cancellationToken))
            {
                return $"plan {id}'s transaction {DisplayHex(plan.EventualityTxid)} is not published";
            }
        }

        return null;
    }
}
