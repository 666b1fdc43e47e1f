using Google.Protobuf;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Messaging;

/// <summary>A record waiting for a local precondition pauses its own partition only, and is applied once it holds.</summary>
public sealed class ParkingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RecordWaitingForPrecondition_ParksItsPartition_OthersGoOn_ThenItIsApplied()
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("parking", partitions: 2);
        await topics.CreateAsync(ct);
        var config = CounterWorkerConfig.Create(topics) with { ParkGate = new ParkGate("gated", "gate") };
        var state = new CounterState(config.Schema);
        await using var worker = await InProcessCounterWorker.StartAsync(config, ct);

        await topics.ProduceRawAsync(0, Enumerable.Range(0, 3).Select(i => Record("gated-a", i)), ct);
        await topics.ProduceRawAsync(1, Enumerable.Range(0, 3).Select(i => Record("k", i)), ct);
        Assert.True(await CounterState.EventuallyAsync(async () => (await state.CountersAsync()).GetValueOrDefault("k").Applied == 3, Timeout));
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        Assert.False((await state.CountersAsync()).ContainsKey("gated-a"));
        Assert.Equal(0, await state.NextOffsetAsync(config.Group, topics.Input, 0));

        await topics.ProduceRawAsync(1, [Record("gate", 0)], ct);

        Assert.True(await CounterState.EventuallyAsync(
            async () => (await state.CountersAsync()).GetValueOrDefault("gated-a").Applied == 3, Timeout));
        Assert.Equal(3, await state.NextOffsetAsync(config.Group, topics.Input, 0));
    }

    private static Confluent.Kafka.Message<byte[]?, byte[]?> Record(string key, long sequence) =>
        CounterTopics.Record(
            EventIds.NewFact(), CounterIncremented.Descriptor.FullName,
            new CounterIncremented { Key = key, Amount = 1, Sequence = sequence }.ToByteArray(), key);
}
