using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Embedded.Litecoin;
using Processor.Networks.Plugins.Monero;

namespace Processor.Cluster.Tests.Support;

/// <summary>
/// A <see cref="RunningCluster"/> shared by the tests of one collection (they run one after the other), on the test process's
/// litecoind regtest node (funded wallet). Sessions and Batch ids are handed out here so tests
/// never collide; every wait is bounded by <see cref="CeremonyLimit"/>.
/// </summary>
public abstract class ClusterUnderTest : IAsyncLifetime
{
    /// <summary>Limit of every wait for a ceremony (key generation, a signature) on the shared 2-core machine.</summary>
    public static readonly TimeSpan CeremonyLimit = TimeSpan.FromSeconds(150);

    /// <summary>How long the simulator lets a signing attempt wait before re-attempting without the silent.</summary>
    public static readonly TimeSpan SigningTimeout = TimeSpan.FromSeconds(15);

    private readonly ClusterSpec _spec;
    private readonly ServiceDefinition[] _services;
    private readonly Lock _sharedKeysLock = new();
    private Task<GeneratedKeys>? _sharedKeys;
    private RunningCluster? _running;
    private int _nextSession;
    private int _nextBatchId;

    protected ClusterUnderTest(ClusterSpec spec, params ServiceDefinition[] services)
    {
        _spec = spec;
        _services = services;
    }

    public RunningCluster Running => _running ?? throw new InvalidOperationException("The cluster has not started.");

    public ValidatorCluster Cluster => Running.Cluster;

    public ClusterCoordinator Coordinator => Running.Coordinator;

    public CoordinatorSimulation Simulation => Running.Simulation;

    /// <summary>The litecoind regtest node every service of the cluster uses.</summary>
    public LitecoinNode Node => Cluster.Spec.EffectiveNode;

    /// <inheritdoc cref="RunningCluster.Events"/>
    public IReadOnlyList<TopicWatch> Events => Running.Events;

    /// <inheritdoc cref="RunningCluster.SignerKeys"/>
    public IReadOnlyList<TopicWatch> SignerKeys => Running.SignerKeys;

    /// <inheritdoc cref="RunningCluster.SignerSignatures"/>
    public IReadOnlyList<TopicWatch> SignerSignatures => Running.SignerSignatures;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _running = await RunningCluster.StartAsync(_spec, _services, SigningTimeout, Cancel);
    }

    /// <summary>A session no other test of this collection uses.</summary>
    public uint NewSession() => (uint)(Interlocked.Increment(ref _nextSession) - 1);

    /// <summary>Keys shared by the tests that only need some confirmed keys: generated on first use, active at every signer.</summary>
    public Task<GeneratedKeys> SharedKeysAsync()
    {
        lock (_sharedKeysLock)
        {
            return _sharedKeys ??= GenerateConfirmedKeysAsync(NewSession());
        }
    }

    /// <inheritdoc cref="RunningCluster.GenerateConfirmedKeysAsync"/>
    public Task<GeneratedKeys> GenerateConfirmedKeysAsync(uint session) => Running.GenerateConfirmedKeysAsync(session, CeremonyLimit, Cancel);

    /// <summary>The next Batch id: the simulated Serai chain accepts a network's Batches only in id order.</summary>
    public uint NextBatchId() => (uint)(Interlocked.Increment(ref _nextBatchId) - 1);

    /// <inheritdoc cref="RunningCluster.RequestSignatureAsync"/>
    public Task RequestSignatureAsync(BatchSignRequested request, IEnumerable<int> participants) =>
        Running.RequestSignatureAsync(request, participants, Cancel);

    /// <inheritdoc cref="RunningCluster.WaitForBatchIncludedAsync"/>
    public Task<SeraiBlock> WaitForBatchIncludedAsync(uint batchId) => Running.WaitForBatchIncludedAsync(batchId, CeremonyLimit, Cancel);

    /// <summary>The SignPreprocess events <paramref name="participant"/> emitted for exactly <paramref name="id"/>.</summary>
    public IReadOnlyList<SignPreprocess> PreprocessesOf(int participant, SignId id) =>
        [.. Events[participant - 1].All<SignPreprocess>().Where(p => p.Id.Equals(id))];

    /// <inheritdoc cref="RunningCluster.Diagnostics"/>
    public string Diagnostics() => _running?.Diagnostics() ?? "(the cluster did not start)";

    public async ValueTask DisposeAsync()
    {
        if (_running is not null)
        {
            await _running.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>Three validators, t = 2, each running the signer, scanner, reporter and scheduler.</summary>
public sealed class ThreeValidators() : ClusterUnderTest(new ClusterSpec(3, 2),
    ServiceCatalog.Signer, ServiceCatalog.Scanner, ServiceCatalog.Reporter, ServiceCatalog.Scheduler);

/// <summary>Seven validators, t = 5, signers only.</summary>
public sealed class SevenValidators() : ClusterUnderTest(new ClusterSpec(7, 5), ServiceCatalog.Signer);

/// <summary>Three validators serving Monero, t = 2, signers only (the other services would need monerod, and key generation and Batches do not).</summary>
public sealed class ThreeMoneroSigners() : ClusterUnderTest(
    new ClusterSpec(3, 2, Network: MoneroPlugin.Name, SeraiNetwork: NetworkId.Monero), ServiceCatalog.Signer);

[CollectionDefinition(Name)]
public sealed class ThreeValidatorsDefinition : ICollectionFixture<ThreeValidators>
{
    public const string Name = "three validators";
}

[CollectionDefinition(Name)]
public sealed class SevenValidatorsDefinition : ICollectionFixture<SevenValidators>
{
    public const string Name = "seven validators";
}

[CollectionDefinition(Name)]
public sealed class ThreeMoneroSignersDefinition : ICollectionFixture<ThreeMoneroSigners>
{
    public const string Name = "three Monero signers";
}
