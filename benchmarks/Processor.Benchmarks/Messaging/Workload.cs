using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Benchmarks.Messaging;

/// <summary>
/// The records every phase sends: <c>CounterIncremented</c> increments over a fixed set of counter keys, each a new fact
/// with its own event id, with the envelope headers a real producer sets (event-id, event-type, content-type). The Kafka
/// key is the counter key, so the default partitioner spreads the keys over the partitions and keeps each key in order.
/// </summary>
internal static class Workload
{
    private static readonly byte[] EventType = Encoding.UTF8.GetBytes(CounterIncremented.Descriptor.FullName);
    private static readonly byte[] ContentType = Encoding.UTF8.GetBytes(MessageHeaders.ProtobufContentType);

    public static Message<byte[]?, byte[]?>[] Create(int count, int keys, int seed)
    {
        var random = new Random(seed);
        var sequences = new long[keys];
        var records = new Message<byte[]?, byte[]?>[count];
        for (var i = 0; i < count; i++)
        {
            var key = random.Next(keys);
            var counter = $"counter-{key:D5}";
            var message = new CounterIncremented { Key = counter, Amount = random.Next(1, 1000), Sequence = sequences[key]++ };
            var headers = new Headers
            {
                { MessageHeaders.EventId, Encoding.UTF8.GetBytes(EventIds.NewFact().ToString()) },
                { MessageHeaders.EventType, EventType },
                { MessageHeaders.ContentType, ContentType },
            };
            records[i] = new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(counter), Value = message.ToByteArray(), Headers = headers };
        }

        return records;
    }

    /// <summary>Bytes of key, value and headers (names and values) of a record: its payload without Kafka's framing.</summary>
    public static int PayloadBytes(Message<byte[]?, byte[]?> record) =>
        (record.Key?.Length ?? 0) + (record.Value?.Length ?? 0)
        + (record.Headers?.Sum(h => Encoding.UTF8.GetByteCount(h.Key) + (h.GetValueBytes()?.Length ?? 0)) ?? 0);
}
