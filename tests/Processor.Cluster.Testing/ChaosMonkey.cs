using System.Globalization;
using Processor.Contracts;

namespace Processor.Cluster.Testing;

/// <summary>One SIGKILL the <see cref="ChaosMonkey"/> dealt: when, to which validator's service, to which process.</summary>
public sealed record ChaosKill(DateTimeOffset At, int Validator, string Service, int ProcessId);

/// <summary>
/// SIGKILLs services of a cluster's validators at random moments, like crashes, and restarts each one right away: every
/// (validator, service) pair <c>killsEach</c> times, in an order and at pauses drawn from a seeded generator, so a failing run
/// can be repeated from its seed (<see cref="Seed"/>, also in <see cref="Describe"/>).
/// </summary>
public sealed class ChaosMonkey : IAsyncDisposable
{
    private readonly ValidatorCluster _cluster;
    private readonly List<ChaosKill> _kills = [];
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _run;

    private ChaosMonkey(ValidatorCluster cluster, IReadOnlyList<(int Validator, ServiceDefinition Service)> schedule, int seed, TimeSpan maxPause)
    {
        _cluster = cluster;
        Seed = seed;
        Planned = schedule.Count;
        _run = RunAsync(schedule, new Random(seed), maxPause, _stop.Token);
    }

    /// <summary>The seed the order and pauses were drawn from.</summary>
    public int Seed { get; }

    /// <summary>How many kills the schedule holds.</summary>
    public int Planned { get; }

    /// <summary>The kills dealt so far, in order.</summary>
    public IReadOnlyList<ChaosKill> Kills
    {
        get
        {
            lock (_lock)
            {
                return [.. _kills];
            }
        }
    }

    /// <summary>Completes when every planned kill was dealt (and its service restarted); faults if a kill or restart failed.</summary>
    public Task Completion => _run;

    /// <summary>
    /// Starts killing: each of <paramref name="services"/> at each validator <paramref name="killsEach"/> times, in a shuffled
    /// order, each kill a random pause of up to <paramref name="maxPause"/> after the one before.
    /// </summary>
    public static ChaosMonkey Start(ValidatorCluster cluster, IReadOnlyList<ServiceDefinition> services, int killsEach, int seed, TimeSpan maxPause)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentOutOfRangeException.ThrowIfLessThan(killsEach, 1);
        var schedule = cluster.Validators
            .SelectMany(v => services.Select(s => (v.Participant, s)))
            .SelectMany(pair => Enumerable.Repeat(pair, killsEach))
            .ToArray();
        new Random(seed).Shuffle(schedule);
        return new ChaosMonkey(cluster, schedule, seed, maxPause);
    }

    /// <summary>The seed and every kill so far, one per line (for failure messages and the test output).</summary>
    public string Describe() =>
        string.Create(CultureInfo.InvariantCulture, $"chaos seed {Seed}: {Kills.Count} of {Planned} kills\n") +
        string.Join('\n', Kills.Select(k => string.Create(CultureInfo.InvariantCulture,
            $"  {k.At:HH:mm:ss.fff} SIGKILL validator {k.Validator} {k.Service} (pid {k.ProcessId})")));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _run;
        }
        catch (OperationCanceledException)
        {
            // Stopped before the schedule was done: the caller decided so.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(
        IReadOnlyList<(int Validator, ServiceDefinition Service)> schedule, Random random, TimeSpan maxPause, CancellationToken cancellationToken)
    {
        foreach (var (participant, service) in schedule)
        {
            await Task.Delay(maxPause * random.NextDouble(), cancellationToken);
            var validator = _cluster[participant];
            var victim = validator.Current(service)
                ?? throw new InvalidOperationException($"{service.Name} of validator {participant} was never started: nothing to kill.");
            validator.Kill(service);
            lock (_lock)
            {
                _kills.Add(new ChaosKill(DateTimeOffset.UtcNow, participant, service.Name, victim.Process.Id));
            }

            validator.Start(service);
        }
    }
}
