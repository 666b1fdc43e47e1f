using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Messaging;

/// <summary>A record that can never be applied goes to the dead-letter topic with its reason, and the partition moves on.</summary>
public sealed class DeadLetterTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PoisonRecords_LandOnDeadLetterTopicWithReason_AndPartitionGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("poison", partitions: 1);
        await topics.CreateAsync(ct);
        var valid = new CounterIncremented { Key = "k", Amount = 3 };
        await topics.ProduceRawAsync(0, [
            CounterTopics.Record(EventIds.NewFact(), CounterIncremented.Descriptor.FullName, [0xFF, 0xFF, 0xFF, 0x01], "garbage"),
            CounterTopics.Record(EventIds.NewFact(), "processor.nowhere.v1.Unheard", valid.ToByteArray(), "unknown"),
            new Message<byte[]?, byte[]?> { Key = null, Value = [1, 2, 3] },
            Record(new CounterIncremented { Key = "k", Amount = -1 }),
            CounterTopics.Record(null, CounterIncremented.Descriptor.FullName, valid.ToByteArray(), "no-id"),
            Record(valid),
        ], ct);

        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using (await InProcessCounterWorker.StartAsync(config, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.NextOffsetAsync(config.Group, topics.Input, 0) == 6 && await state.UnpublishedAsync() == 0, Timeout));
        }

        Assert.Equal((3L, 1L), (await state.CountersAsync())["k"]);
        Assert.Equal(5, await state.CountAsync("dead_letters"));
        var deadLetters = CounterTopics.ReadAll(topics.Input + ".dlq", r => r.Count >= 5, Timeout);
        var reasons = deadLetters.OrderBy(r => long.Parse(CounterTopics.Header(r, MessageHeaders.DlqOriginalOffset)!, System.Globalization.CultureInfo.InvariantCulture))
            .Select(r => CounterTopics.Header(r, MessageHeaders.DlqReason)).ToList();
        Assert.Collection(
            reasons,
            r => Assert.StartsWith("unparseable processor.testing.v1.CounterIncremented", r),
            r => Assert.Equal("unknown message type 'processor.nowhere.v1.Unheard'", r),
            r => Assert.Equal("missing 'event-type' header", r),
            r => Assert.Equal("negative amount -1 for counter 'k'", r),
            r => Assert.Equal("missing 'event-id' header", r));
        Assert.All(deadLetters, r => Assert.Equal(topics.Input, CounterTopics.Header(r, MessageHeaders.DlqOriginalTopic)));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0xFF, 0x01 }, deadLetters.Single(r => CounterTopics.Header(r, MessageHeaders.DlqOriginalOffset) == "0").Message.Value);
    }

    [Fact]
    public async Task HandlerThatKeepsFailing_IsRetriedThenDeadLettered_AndPartitionGoesOn()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("failing", partitions: 1);
        await topics.CreateAsync(ct);
        await topics.ProduceRawAsync(0, [
            Record(new CounterIncremented { Key = CounterIncrementedHandler.FailingKeyPrefix + "-1", Amount = 1 }),
            Record(new CounterIncremented { Key = "k", Amount = 2 }),
        ], ct);

        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using (await InProcessCounterWorker.StartAsync(config, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.NextOffsetAsync(config.Group, topics.Input, 0) == 2 && await state.UnpublishedAsync() == 0, Timeout));
        }

        Assert.Equal((2L, 1L), (await state.CountersAsync())["k"]);
        var deadLetter = Assert.Single(CounterTopics.ReadAll(topics.Input + ".dlq", r => r.Count >= 1, Timeout));
        Assert.Equal(
            "handler failed 3 times: InvalidOperationException: counter 'fail-1' is configured to fail",
            CounterTopics.Header(deadLetter, MessageHeaders.DlqReason));
    }

    private static Message<byte[]?, byte[]?> Record(CounterIncremented message) =>
        CounterTopics.Record(EventIds.NewFact(), CounterIncremented.Descriptor.FullName, message.ToByteArray(), message.Key);
}
