using Processor.Cluster.Testing;
using Processor.Contracts;
using Processor.Testing;

namespace Processor.FullStack.Tests.Support;

/// <summary>What a replay of one service changed: its state and the event ids on its validator's topics, before and after.</summary>
/// <param name="Output">What processorctl printed.</param>
internal sealed record ReplayOutcome(
    ServiceDefinition Service,
    int Validator,
    ServiceState Before,
    ServiceState After,
    IReadOnlySet<Guid> EventIdsBefore,
    IReadOnlySet<Guid> EventIdsAfter,
    string Output);

/// <summary>
/// The operator's rebuild of a running service: <c>processorctl replay &lt;service&gt; --to-beginning --wipe-state</c> as a child
/// process against a validator's database and namespace, then a (bounded) wait until the service consumed again everything
/// it had consumed before.
/// </summary>
internal static class OperatorReplay
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(60);

    public static async Task<ReplayOutcome> RunAsync(
        RunningCluster running, int participant, ServiceDefinition service, TimeSpan limit, CancellationToken cancellationToken)
    {
        var validator = running.Cluster[participant];
        var before = await ServiceState.ReadAsync(validator.ConnectionString, service, cancellationToken);
        var idsBefore = EventIds(running, participant);

        using var ctl = ChildProcess.Start(
            ChildProcess.RepositoryDll("Processor.Ctl", "processorctl"),
            ["replay", service.Name, "--to-beginning", "--wipe-state"],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__Postgres"] = validator.ConnectionString,
                ["Kafka__BootstrapServers"] = KafkaBroker.BootstrapServers,
                ["Processor__Network"] = running.Cluster.Network,
                ["Processor__TopicNamespace"] = validator.Namespace,
            });
        var exitCode = await ctl.WaitForExitAsync(CommandLimit);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"processorctl replay {service.Name} at validator {participant} " +
                (exitCode is null ? $"did not finish within {CommandLimit.TotalSeconds:F0} s" : $"exited with {exitCode}") + ":\n" + ctl.Output);
        }

        ServiceState? after = null;
        await running.Cluster.WaitUntilAsync(
            $"validator {participant}'s {service.Name} to consume again what it had consumed before the replay",
            async token =>
            {
                after = await ServiceState.ReadAsync(validator.ConnectionString, service, token);
                return after.HasReached(before)
                    ? Probe.Met("caught up")
                    : Probe.NotYet(string.Join(", ", after.Positions.Select(p => $"{p.Key} at {p.Value} of {before.Positions.GetValueOrDefault(p.Key)}")));
            },
            limit,
            cancellationToken,
            TimeSpan.FromMilliseconds(250));
        return new ReplayOutcome(service, participant, before, after!, idsBefore, EventIds(running, participant), ctl.Output);
    }

    /// <summary>The ids of every event on the validator's coordinator-facing and plan topics.</summary>
    private static HashSet<Guid> EventIds(RunningCluster running, int participant) =>
        [.. running.Events[participant - 1].Records.Concat(running.Plans[participant - 1].Records).Select(r => r.EventId)];
}
