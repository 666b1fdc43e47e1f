using Microsoft.Extensions.Logging;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Testing;

namespace Processor.Cluster.Testing;

/// <summary>
/// The coordinator simulator hosted in this process for a <see cref="ValidatorCluster"/>: it plays every validator's coordinator
/// and the Serai chain over the validators' namespaced topics. Its log is captured (<see cref="Log"/>).
/// </summary>
public sealed class ClusterCoordinator : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly InProcessSimulator _simulator;

    private ClusterCoordinator(ILoggerFactory loggers, CapturedLog log, InProcessSimulator simulator)
    {
        _loggers = loggers;
        Log = log;
        _simulator = simulator;
    }

    /// <summary>The scripted API (key generation, awaiting Batches, misbehaviour, state).</summary>
    public CoordinatorSimulation Simulation => _simulator.Simulation;

    /// <summary>Everything the simulator logged.</summary>
    public CapturedLog Log { get; }

    /// <summary>
    /// Starts the simulator for <paramref name="cluster"/>'s validators (validator i is participant i), with the cluster's
    /// threshold; a signing attempt that waits longer than <paramref name="signingTimeout"/> is re-attempted without the silent.
    /// </summary>
    public static async Task<ClusterCoordinator> StartAsync(
        ValidatorCluster cluster, TimeSpan signingTimeout, TimeSpan keyGenerationTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var options = new SimulatorOptions
        {
            Network = cluster.Network,
            SeraiNetwork = cluster.Spec.SeraiNetwork,
            BootstrapServers = KafkaBroker.BootstrapServers,
            Validators = [.. cluster.Validators.Select(v => new ValidatorOptions { Namespace = v.Namespace })],
            Threshold = cluster.Threshold,
            SigningTimeout = signingTimeout,
            KeyGenerationTimeout = keyGenerationTimeout,
        };
        options.EnsureValid();
        var log = new CapturedLog();
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Debug).AddProvider(log));
        try
        {
            var simulator = await InProcessSimulator.StartAsync(options, KafkaBroker.Provisioner, loggers, TimeProvider.System, cancellationToken);
            return new ClusterCoordinator(loggers, log, simulator);
        }
        catch
        {
            loggers.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _simulator.DisposeAsync();
        _loggers.Dispose();
    }
}
