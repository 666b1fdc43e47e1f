using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.IntegrationTests.Support;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker.V1;

namespace Processor.IntegrationTests.Messaging;

/// <summary>
/// Dead-lettering succeeds whatever bytes the record holds: the dead letter keeps them (escaped where Postgres or a
/// header cannot hold them as they are), and the partition moves on to the next record.
/// </summary>
public sealed class DeadLetterAnyBytesTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Cases => new(PoisonRecords.Keys);

    private static readonly Dictionary<string, Func<Message<byte[]?, byte[]?>>> PoisonRecords = new()
    {
        ["nul byte in a header value"] = () => WithHeader(Unknown("processor.nowhere.v1.Unheard"), "note", [(byte)'a', 0, (byte)'b']),
        ["nul byte in a header name"] = () => WithHeader(Unknown("processor.nowhere.v1.Unheard"), "no\0te", [(byte)'x']),
        ["nul byte in the type name (and so the reason)"] = () => Unknown("processor.nowhere\0.v1.Unheard"),
        ["header value that is not UTF-8"] = () => WithHeader(Unknown("processor.nowhere.v1.Unheard"), "note", [0xC3, 0x28, 0xFF]),
        ["type name of 300,000 characters"] = () => Unknown("processor." + new string('x', 300_000)),
        ["key of 990,000 bytes"] = () => new Message<byte[]?, byte[]?>
        {
            Key = new byte[990_000],
            Value = [0xFF, 0xFF, 0xFF, 0x01],
            Headers = CounterTopics.Record(EventIds.NewFact(), CounterIncremented.Descriptor.FullName, null, "k").Headers,
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task PoisonRecordWithAwkwardBytes_IsDeadLettered_AndPartitionGoesOn(string poison)
    {
        var ct = TestContext.Current.CancellationToken;
        var topics = new CounterTopics("dlq-bytes", partitions: 1);
        await topics.CreateAsync(ct);
        var valid = new CounterIncremented { Key = "k", Amount = 3 };
        await topics.ProduceRawAsync(0, [
            PoisonRecords[poison](),
            CounterTopics.Record(EventIds.NewFact(), CounterIncremented.Descriptor.FullName, valid.ToByteArray(), valid.Key),
        ], ct);

        var config = CounterWorkerConfig.Create(topics);
        var state = new CounterState(config.Schema);
        await using (await InProcessCounterWorker.StartAsync(config, ct))
        {
            Assert.True(await CounterState.EventuallyAsync(
                async () => await state.NextOffsetAsync(config.Group, topics.Input, 0) == 2 && await state.UnpublishedAsync() == 0, Timeout));
        }

        Assert.Equal((3L, 1L), (await state.CountersAsync())["k"]);
        Assert.Equal(1, await state.CountAsync("dead_letters"));
        var deadLetter = Assert.Single(CounterTopics.ReadAll(topics.Input + ".dlq", r => r.Count >= 1, Timeout));
        Assert.Equal("0", CounterTopics.Header(deadLetter, MessageHeaders.DlqOriginalOffset));
        Assert.False(string.IsNullOrEmpty(CounterTopics.Header(deadLetter, MessageHeaders.DlqReason)));
    }

    private static Message<byte[]?, byte[]?> Unknown(string type) =>
        CounterTopics.Record(EventIds.NewFact(), type, [1, 2, 3], "k");

    private static Message<byte[]?, byte[]?> WithHeader(Message<byte[]?, byte[]?> message, string name, byte[] value)
    {
        message.Headers.Add(name, value);
        return message;
    }
}
