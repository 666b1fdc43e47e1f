using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Consuming;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Messaging;

/// <summary>An event has its effect once, whichever copy arrives and whoever tries to apply it.</summary>
public sealed class DeduplicationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task SameEventIdDeliveredThreeTimes_IsAppliedOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("dedupe", partitions: 1);
        await topics.CreateAsync(ct);
        var repeated = EventIds.NewFact();
        var increment = new CounterIncremented { Key = "k", Amount = 5, Sequence = 0 };
        var other = new CounterIncremented { Key = "k", Amount = 7, Sequence = 1 };
        await topics.ProduceRawAsync(0, [
            Record(repeated, increment), Record(repeated, increment), Record(EventIds.NewFact(), other), Record(repeated, increment),
        ], ct);

        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using (await InProcessCounterWorker.StartAsync(config, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.NextOffsetAsync(config.Group, topics.Input, 0) == 4 && await state.UnpublishedAsync() == 0, Timeout));
        }

        Assert.Equal((12L, 2L), (await state.CountersAsync())["k"]);
        Assert.Equal(2, await state.CountAsync("inbox"));
        Assert.Equal(2, await state.CountAsync("outbox"));
    }

    [Fact]
    public async Task StaleConsumerAfterRebalance_CannotApplyWhatTheNewOwnerApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("fence", partitions: 1);
        await topics.CreateAsync(ct);
        await topics.ProduceAsync(CounterTopics.Increments(10, keys: 2), ct);
        // What a consumer fetched before it lost the partition: it still holds these records.
        var stale = CounterTopics.ReadAll(topics.Input, r => r.Count == 10, Timeout);

        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using var owner = await InProcessCounterWorker.StartAsync(config, ct);
        Assert.True(await CounterState.EventuallyAsync(async () => await state.AppliedAsync() == 10, Timeout));
        var before = await state.CountersAsync();
        var outboxBefore = await state.CountAsync("outbox");

        var applier = owner.Services.GetRequiredService<BatchApplier>();
        var result = await applier.ApplyAsync(stale, new Dictionary<TopicPartition, long>(), ct);

        Assert.Equal(0, result.Applied);
        Assert.Equal(before, await state.CountersAsync());
        Assert.Equal(outboxBefore, await state.CountAsync("outbox"));
        Assert.Equal(10, await state.NextOffsetAsync(config.Group, topics.Input, 0));
    }

    [Fact]
    public async Task TwoOwnersApplyingTheSameRecordsAtOnce_ApplyThemOnce()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("race", partitions: 1);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);
        // The worker's own consumer has nothing to read yet; the records below are applied only by the two racers.
        var racers = Enumerable.Range(0, 2).Select(_ => worker.Services.GetRequiredService<BatchApplier>()).ToList();
        var otherTopics = new CounterTopics("race-src", partitions: 1);
        await otherTopics.CreateAsync(ct);
        await otherTopics.ProduceAsync(CounterTopics.Increments(50, keys: 3), ct);
        var records = CounterTopics.ReadAll(otherTopics.Input, r => r.Count == 50, Timeout);

        var results = await Task.WhenAll(racers.Select(a => a.ApplyAsync(records, new Dictionary<TopicPartition, long>(), ct)));

        Assert.Equal(50, results.Sum(r => r.Applied));
        Assert.Equal(50, await state.AppliedAsync());
    }

    private static Message<byte[]?, byte[]?> Record(Guid id, CounterIncremented message) =>
        CounterTopics.Record(id, CounterIncremented.Descriptor.FullName, message.ToByteArray(), message.Key);
}
