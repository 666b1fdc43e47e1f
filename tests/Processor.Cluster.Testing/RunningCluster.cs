using Processor.Contracts;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Signer.V1;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>
/// A <see cref="ValidatorCluster"/> with its services started, the coordinator simulator relaying for it, and a watch on every
/// validator's coordinator-facing and signer topics; the ceremonies a test or a benchmark drives, each bounded.
/// </summary>
public sealed class RunningCluster : IAsyncDisposable
{
    private readonly TopicWatches _watches;

    private RunningCluster(ValidatorCluster cluster)
    {
        Cluster = cluster;
        _watches = TopicWatches.Start(cluster.Validators.SelectMany(v =>
            new[] { v.Topics.ProcessorEvents, v.Topics.SignerKeys, v.Topics.SignerSignatures, v.Topics.SchedulerPlans }));
        Events = [.. cluster.Validators.Select(v => _watches[v.Topics.ProcessorEvents])];
        SignerKeys = [.. cluster.Validators.Select(v => _watches[v.Topics.SignerKeys])];
        SignerSignatures = [.. cluster.Validators.Select(v => _watches[v.Topics.SignerSignatures])];
        Plans = [.. cluster.Validators.Select(v => _watches[v.Topics.SchedulerPlans])];
    }

    public ValidatorCluster Cluster { get; }

    public ClusterCoordinator Coordinator { get; private set; } = null!;

    public CoordinatorSimulation Simulation => Coordinator.Simulation;

    /// <summary>Each validator's <c>processor.events</c>, followed from the beginning (index = participant − 1).</summary>
    public IReadOnlyList<TopicWatch> Events { get; }

    /// <summary>Each validator's <c>signer.keys</c>, followed from the beginning.</summary>
    public IReadOnlyList<TopicWatch> SignerKeys { get; }

    /// <summary>Each validator's <c>signer.signatures</c>, followed from the beginning.</summary>
    public IReadOnlyList<TopicWatch> SignerSignatures { get; }

    /// <summary>Each validator's <c>scheduler.plans</c>, followed from the beginning.</summary>
    public IReadOnlyList<TopicWatch> Plans { get; }

    /// <summary>Creates the cluster, starts <paramref name="services"/> at every validator, then the simulator.</summary>
    public static async Task<RunningCluster> StartAsync(
        ClusterSpec spec, IEnumerable<ServiceDefinition> services, TimeSpan signingTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var cluster = await ValidatorCluster.CreateAsync(spec, cancellationToken);
        var running = new RunningCluster(cluster);
        try
        {
            foreach (var service in services)
            {
                cluster.StartAll(service);
            }

            running.Coordinator = await ClusterCoordinator.StartAsync(cluster, signingTimeout, keyGenerationTimeout: TimeSpan.FromSeconds(60), cancellationToken);
            return running;
        }
        catch
        {
            await running.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until the simulator knows every validator's identity key (each signer announced it at its first start).</summary>
    public Task WaitForIdentitiesAsync(TimeSpan limit, CancellationToken cancellationToken) => Cluster.WaitUntilAsync(
        "every signer's identity key at the coordinator",
        async token =>
        {
            var state = await Simulation.StateAsync(token);
            var known = state.Validators.Count(v => v.IdentityKey is not null);
            return known == Cluster.Validators.Count ? Probe.Met("all known") : Probe.NotYet($"{known} of {Cluster.Validators.Count} known");
        },
        limit,
        cancellationToken);

    /// <summary>Runs key generation for <paramref name="session"/> and waits until every participant's signer activated the pair.</summary>
    /// <exception cref="TimeoutException">Not done within <paramref name="limit"/> (with every process's last lines).</exception>
    public async Task<GeneratedKeys> GenerateConfirmedKeysAsync(uint session, TimeSpan limit, CancellationToken cancellationToken)
    {
        var keys = await BoundedAsync($"key generation of session {session}", token => Simulation.RunKeyGenerationAsync(session, token), limit, cancellationToken);
        foreach (var validator in keys.Participants.Keys)
        {
            await SignerKeys[validator - 1].WaitForAsync<KeyActivated>(
                $"validator {validator}'s KeyActivated for session {session}",
                k => k.Session == session && k.KeyPair.Equals(keys.KeyPair),
                limit,
                cancellationToken,
                Diagnostics);
        }

        return keys;
    }

    /// <summary>Asks each of <paramref name="participants"/>' signers to sign <paramref name="request"/>, as its reporter would.</summary>
    public Task RequestSignatureAsync(BatchSignRequested request, IEnumerable<int> participants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(participants);
        return EventProducer.PublishToEachAsync(
            participants.Select(p => Cluster[p].Topics.ReporterBatchSignRequests), Cluster.Network, request, cancellationToken);
    }

    /// <summary>Waits until the simulated Serai chain included Batch <paramref name="batchId"/>; returns the block.</summary>
    public Task<SeraiBlock> WaitForBatchIncludedAsync(uint batchId, TimeSpan limit, CancellationToken cancellationToken) =>
        BoundedAsync($"Batch {batchId} in a Serai block", token => Simulation.WaitForBatchAsync(batchId, token), limit, cancellationToken);

    /// <summary>The simulator's log and every process's last lines.</summary>
    public string Diagnostics() => "--- coordinator simulator\n" + Tail(Coordinator?.Log.Text ?? "", 60) + "\n" + Cluster.Diagnostics();

    public async ValueTask DisposeAsync()
    {
        _watches.Dispose();

        if (Coordinator is not null)
        {
            await Coordinator.DisposeAsync();
        }

        await Cluster.DisposeAsync();
    }

    private async Task<T> BoundedAsync<T>(string what, Func<CancellationToken, Task<T>> run, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(limit);
        try
        {
            return await run(bound.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Waited {limit.TotalSeconds:F0} s for {what}.\n{Diagnostics()}");
        }
    }

    private static string Tail(string text, int lines)
    {
        var all = text.Split('\n');
        return string.Join('\n', all.Skip(Math.Max(0, all.Length - lines - 1)));
    }
}
