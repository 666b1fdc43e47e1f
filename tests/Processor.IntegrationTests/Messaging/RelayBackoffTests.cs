using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Processor.IntegrationTests.Support;
using Processor.Messaging;
using Processor.Messaging.Outbox;

namespace Processor.IntegrationTests.Messaging;

/// <summary>The relay's retry back-off grows while delivery fails and starts from the beginning again after a success.</summary>
public sealed class RelayBackoffTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FailuresAfterASuccessfulRound_BackOffFromTheFirstDelayAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("relay-backoff", partitions: 1);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        var brokerDown = new StrongBoxFlag(true);
        var outage = new Error(ErrorCode.Local_MsgTimedOut, "injected: broker unreachable");
        var factory = new FaultyProducerFactory(_ => brokerDown.Value ? outage : null);
        // A first retry delay long enough that the first failure after the success is seen before a second one follows.
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct, services =>
        {
            services.AddSingleton<RelayProducerFactory>(factory.Build);
            services.Configure<MessagingOptions>(o => o.RetryBackoff = TimeSpan.FromSeconds(2));
        });
        var relay = worker.Services.GetRequiredService<OutboxRelay>();

        await topics.ProduceAsync(CounterTopics.Increments(3, keys: 1), ct);
        Assert.True(await CounterState.EventuallyAsync(() => Task.FromResult(relay.Status.ConsecutiveFailures >= 3), Timeout));
        brokerDown.Value = false;
        Assert.True(await CounterState.EventuallyAsync(
            async () => await state.UnpublishedAsync() == 0 && relay.Status.ConsecutiveFailures == 0, Timeout));
        brokerDown.Value = true;
        await topics.ProduceAsync(CounterTopics.Increments(1, keys: 1, seed: 8), ct);
        Assert.True(await CounterState.EventuallyAsync(() => Task.FromResult(relay.Status.IsFailing), Timeout));

        Assert.Equal(1, relay.Status.ConsecutiveFailures);
        Assert.Equal(TimeSpan.FromSeconds(2), relay.Schedule.RetryDelay(relay.Status.ConsecutiveFailures));
        brokerDown.Value = false;
        Assert.True(await CounterState.EventuallyAsync(async () => await state.UnpublishedAsync() == 0, Timeout));
    }

    private sealed class StrongBoxFlag(bool value)
    {
        private volatile bool _value = value;

        public bool Value
        {
            get => _value;
            set => _value = value;
        }
    }
}
