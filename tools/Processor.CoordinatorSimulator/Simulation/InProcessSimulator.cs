using Microsoft.Extensions.Logging;
using Processor.Messaging.Provisioning;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// The simulator hosted inside another process (tests, the devnet): the Kafka link and the simulation, running until
/// disposed. The scripted API is <see cref="Simulation"/>.
/// </summary>
public sealed class InProcessSimulator : IAsyncDisposable
{
    private readonly KafkaCoordinatorLink _link;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _running;

    private InProcessSimulator(KafkaCoordinatorLink link, CoordinatorSimulation simulation)
    {
        _link = link;
        Simulation = simulation;
        _running = link.RunAsync(simulation.HandleAsync, _stopping.Token);
    }

    /// <summary>The scripted API: key generation, awaiting Batches, burns, misbehaviour, state.</summary>
    public CoordinatorSimulation Simulation { get; }

    /// <summary>Creates every validator's topics and starts relaying.</summary>
    public static async Task<InProcessSimulator> StartAsync(
        SimulatorOptions options, ITopicProvisioner provisioner, ILoggerFactory loggers, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var link = new KafkaCoordinatorLink(options, time, loggers.CreateLogger<KafkaCoordinatorLink>());
        try
        {
            await link.ProvisionAsync(provisioner, cancellationToken);
            return new InProcessSimulator(link, new CoordinatorSimulation(options, link, time, loggers.CreateLogger<CoordinatorSimulation>()));
        }
        catch
        {
            link.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        Simulation.Dispose();
        _link.Dispose();
        _stopping.Dispose();
    }
}
