using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Support;

/// <summary>The input of a fault test: its topics (created) and a few hundred increments over 20 counters, to produce when it suits the test.</summary>
public sealed record FaultScenario(CounterTopics Topics, IReadOnlyList<(Guid Id, CounterIncremented Message)> Increments)
{
    public static async Task<FaultScenario> CreateAsync(
        string prefix, int events, CancellationToken cancellationToken, CounterBroker? broker = null)
    {
        var topics = new CounterTopics(prefix, broker: broker);
        await topics.CreateAsync(cancellationToken);
        return new FaultScenario(topics, CounterTopics.Increments(events, keys: 20));
    }

    public int Events => Increments.Count;

    /// <summary>Produces the increments from <paramref name="skip"/> on, <paramref name="take"/> of them (all by default).</summary>
    public Task ProduceAsync(CancellationToken cancellationToken, int skip = 0, int take = int.MaxValue) =>
        Topics.ProduceAsync(Increments.Skip(skip).Take(take), cancellationToken);

    /// <inheritdoc cref="RunWithoutFaults.AssertSameStateAndOutputAsync"/>
    public Task AssertSameStateAndOutputAsRunWithoutFaultsAsync(CounterState state, CancellationToken cancellationToken) =>
        RunWithoutFaults.AssertSameStateAndOutputAsync(Topics, state, Increments, cancellationToken);
}
