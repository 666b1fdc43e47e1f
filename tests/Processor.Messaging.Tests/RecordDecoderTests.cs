using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Consuming;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.Tests;

public sealed class RecordDecoderTests
{
    private readonly RecordDecoder _decoder;

    public RecordDecoderTests()
    {
        var registry = new HandlerRegistry();
        registry.AddBatch<CounterIncremented, CounterIncrementedHandler>();
        registry.AddKnownTypes([CounterChanged.Descriptor]);
        _decoder = new RecordDecoder(registry);
    }

    [Fact]
    public void HandledType_IsParsedWithItsIdAndPosition()
    {
        var id = EventIds.NewFact();
        var message = new CounterIncremented { Key = "k", Amount = 9 };

        var decoded = Assert.IsType<DecodedRecord.Handled>(_decoder.Decode(Record(id.ToString(), CounterIncremented.Descriptor.FullName, message.ToByteArray())));

        Assert.Equal(id, decoded.Event.EventId);
        Assert.Equal(message, decoded.Event.Message);
        Assert.Equal(("t", 2, 41L), (decoded.Event.Topic, decoded.Event.Partition, decoded.Event.Offset));
    }

    [Fact]
    public void KnownTypeWithoutHandler_IsIgnored() =>
        Assert.IsType<DecodedRecord.Ignored>(_decoder.Decode(Record(EventIds.NewFact().ToString(), CounterChanged.Descriptor.FullName, [])));

    [Theory]
    [InlineData(null, "processor.testing.v1.CounterIncremented", "missing 'event-id' header")]
    [InlineData("not-a-guid", "processor.testing.v1.CounterIncremented", "invalid event id 'not-a-guid'")]
    [InlineData("0192f0c8-7c1a-7b3e-9a4f-1c2d3e4f5a6b", null, "missing 'event-type' header")]
    [InlineData("0192f0c8-7c1a-7b3e-9a4f-1c2d3e4f5a6b", "processor.other.v1.Thing", "unknown message type 'processor.other.v1.Thing'")]
    public void BadEnvelope_IsPoisonWithTheReason(string? id, string? type, string reason)
    {
        var poison = Assert.IsType<DecodedRecord.Poison>(_decoder.Decode(Record(id, type, [])));

        Assert.Equal(reason, poison.Reason);
    }

    [Fact]
    public void UnparseableValue_IsPoisonNamingTheType()
    {
        var poison = Assert.IsType<DecodedRecord.Poison>(
            _decoder.Decode(Record(EventIds.NewFact().ToString(), CounterIncremented.Descriptor.FullName, [0xFF, 0xFF, 0xFF])));

        Assert.StartsWith("unparseable processor.testing.v1.CounterIncremented", poison.Reason, StringComparison.Ordinal);
    }

    private static ConsumeResult<byte[]?, byte[]?> Record(string? id, string? type, byte[] value)
    {
        var headers = new Headers();
        if (id is not null)
        {
            headers.Add(MessageHeaders.EventId, Encoding.UTF8.GetBytes(id));
        }

        if (type is not null)
        {
            headers.Add(MessageHeaders.EventType, Encoding.UTF8.GetBytes(type));
        }

        return new ConsumeResult<byte[]?, byte[]?>
        {
            TopicPartitionOffset = new TopicPartitionOffset("t", 2, 41),
            Message = new Message<byte[]?, byte[]?> { Key = [1], Value = value, Headers = headers, Timestamp = new Timestamp(DateTime.UtcNow) },
        };
    }
}
