using Confluent.Kafka;
using Processor.Embedded.Kafka;
using Processor.IntegrationTests.Support;
using Processor.Testing;

namespace Processor.IntegrationTests.Faults;

/// <summary>
/// The broker fails while the relay has events to publish: every broker is down for a while, or produce requests are
/// answered with errors. Each test has a cluster of its own (outages and injected errors hit every client of a
/// cluster), and the worker ends with the state and output of a run without faults.
/// </summary>
public sealed class BrokerFaultTests : IDisposable
{
    private const int Events = 600;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan SlowBatch = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Outage = SlowBatch + TimeSpan.FromSeconds(3);

    private readonly EmbeddedKafkaCluster _cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });

    [Fact]
    public async Task AllBrokersDownWhileRelayHasEventsToPublish_StateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scenario, config) = await StartAsync("broker-down", ct);
        using var worker = WorkerProcess.Start(config);

        // The slow batch commits its events to the outbox while no broker answers.
        await worker.SlowBatchStarted.WaitAsync(Timeout, ct);
        foreach (var broker in Brokers)
        {
            _cluster.SetBrokerDown(broker);
        }

        await Task.Delay(Outage, ct);
        Assert.True(await config.ReadState().UnpublishedAsync() > 0, "the relay had nothing to publish during the outage");
        foreach (var broker in Brokers)
        {
            _cluster.SetBrokerUp(broker);
        }

        await FinishAsync(scenario, config, worker, ct);
    }

    [Fact]
    public async Task ProduceRequestsFailWithRetriableErrors_StateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scenario, config) = await StartAsync("produce-errors", ct);
        using var worker = WorkerProcess.Start(config);

        // The producer retries these itself, within its delivery timeout.
        await worker.SlowBatchStarted.WaitAsync(Timeout, ct);
        _cluster.PushRequestErrors(KafkaApi.Produce, [.. Enumerable.Repeat(
            new[] { ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut, ErrorCode.LeaderNotAvailable, ErrorCode.NotEnoughReplicasAfterAppend },
            10).SelectMany(e => e)]);

        await FinishAsync(scenario, config, worker, ct);
    }

    [Fact]
    public async Task ProduceRequestsRefusedAFewTimes_AreNotDeadLettered_RelayResendsAndStateAndOutputEqualRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var (scenario, config) = await StartAsync("produce-rejected", ct);
        using var worker = WorkerProcess.Start(config);

        // The broker refuses these requests "for good", but fewer times in a row than the relay needs to believe it: the rows
        // are published again in later rounds, none is dead-lettered.
        await worker.SlowBatchStarted.WaitAsync(Timeout, ct);
        _cluster.PushRequestErrors(KafkaApi.Produce, [ErrorCode.InvalidRecord, ErrorCode.InvalidRecord, ErrorCode.InvalidRecord]);

        await FinishAsync(scenario, config, worker, ct);
        Assert.Contains("outbox-relay failed", worker.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _cluster.Dispose();

    private IEnumerable<int> Brokers => Enumerable.Range(1, _cluster.BrokerCount);

    private async Task<(FaultScenario Scenario, CounterWorkerConfig Config)> StartAsync(string prefix, CancellationToken cancellationToken)
    {
        var scenario = await FaultScenario.CreateAsync(
            prefix, Events, cancellationToken, new CounterBroker(_cluster.BootstrapServers, new InProcessTopicProvisioner(_cluster)));
        await scenario.ProduceAsync(cancellationToken);
        var config = CounterWorkerConfig.Create(scenario.Topics) with
        {
            MaxBatchSize = 100,
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
            SlowBatches = new(1, SlowBatch),
        };
        return (scenario, config);
    }

    private static async Task FinishAsync(FaultScenario scenario, CounterWorkerConfig config, WorkerProcess worker, CancellationToken cancellationToken)
    {
        var state = config.ReadState();
        Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the worker did not finish:\n" + worker.Output);
        Assert.False(worker.HasExited, "the worker stopped:\n" + worker.Output);
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, cancellationToken);
    }
}
