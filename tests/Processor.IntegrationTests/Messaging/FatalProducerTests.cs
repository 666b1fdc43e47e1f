using Confluent.Kafka;
using Microsoft.Extensions.DependencyInjection;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Outbox;

namespace Processor.IntegrationTests.Messaging;

/// <summary>The relay recovers from a fatal error of its idempotent producer by building a new one.</summary>
public sealed class FatalProducerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ProducerInFatalState_IsReplaced_AndEveryEventIsPublished()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("fatal-producer", partitions: 1);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        var fatal = new Error(ErrorCode.OutOfOrderSequenceNumber, "injected: idempotent producer fatally out of sequence", isFatal: true);
        var factory = new FaultyProducerFactory(producer => producer == 1 ? fatal : null);
        await topics.ProduceAsync(CounterTopics.Increments(20, keys: 3), ct);

        await using (await InProcessCounterWorker.StartAsync(
            config, ct, services => services.AddSingleton<RelayProducerFactory>(factory.Build)))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.AppliedAsync() == 20 && await state.UnpublishedAsync() == 0, Timeout));
        }

        var published = CounterTopics.ReadAll(topics.Output, r => r.Count >= 20, Timeout);
        Assert.Equal(20, published.Select(r => CounterTopics.Header(r, MessageHeaders.EventId)).Distinct().Count());
        Assert.Equal(2, factory.Built);
    }
}
