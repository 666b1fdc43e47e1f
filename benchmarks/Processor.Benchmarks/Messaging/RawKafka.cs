using System.Diagnostics;
using Confluent.Kafka;

namespace Processor.Benchmarks.Messaging;

/// <summary>What producing a workload took.</summary>
/// <param name="FirstToLast">From the first <c>Produce</c> call until the last delivery report.</param>
/// <param name="Wall">The same, plus building the producer.</param>
/// <param name="PartitionBytes">Payload bytes delivered per partition (to check the mock's per-partition cap).</param>
internal sealed record RawProduceResult(int Delivered, TimeSpan FirstToLast, TimeSpan Wall, long[] PartitionBytes);

/// <summary>What reading a topic took.</summary>
/// <param name="FirstToLast">From the first record returned until the last one.</param>
/// <param name="Wall">From building the consumer (group join and fetch start-up included) until the last record.</param>
internal sealed record RawConsumeResult(int Consumed, TimeSpan FirstToLast, TimeSpan Wall);

/// <summary>The raw phases: a plain idempotent producer and a plain consumer, with no processing.</summary>
internal static class RawKafka
{
    /// <summary>The consumer's fetch wait: the same value <c>KafkaClientConfigs.Consumer</c> forces on the exactly-once consumer.</summary>
    public const int FetchWaitMaxMs = 10;

    public const int LingerMs = 5;

    /// <summary>Produces every record and waits for all delivery reports; failures throw.</summary>
    public static RawProduceResult Produce(string bootstrap, string topic, int partitions, Message<byte[]?, byte[]?>[] records)
    {
        var config = new ProducerConfig
        {
            BootstrapServers = bootstrap,
            ClientId = "bench-producer",
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = LingerMs,
        };
        var partitionBytes = new long[partitions];
        var delivered = 0;
        var failed = 0;
        Error? firstError = null;
        long last = 0;
        var reported = 0;
        using var allReported = new ManualResetEventSlim(false);
        var start = Stopwatch.GetTimestamp();
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(config).Build();
        void OnDelivery(DeliveryReport<byte[]?, byte[]?> report)
        {
            // Reports arrive on the client's poll thread, and on the thread in Flush or Poll: count atomically.
            if (report.Error.IsError)
            {
                Interlocked.Increment(ref failed);
                firstError ??= report.Error;
            }
            else
            {
                Interlocked.Add(ref partitionBytes[report.Partition.Value], Workload.PayloadBytes(report.Message));
                Interlocked.Increment(ref delivered);
            }

            if (Interlocked.Increment(ref reported) == records.Length)
            {
                last = Stopwatch.GetTimestamp();
                allReported.Set();
            }
        }

        var first = Stopwatch.GetTimestamp();
        foreach (var record in records)
        {
            while (true)
            {
                try
                {
                    producer.Produce(topic, record, OnDelivery);
                    break;
                }
                catch (ProduceException<byte[]?, byte[]?> ex) when (ex.Error.Code == ErrorCode.Local_QueueFull)
                {
                    producer.Poll(TimeSpan.FromMilliseconds(5));
                }
            }
        }

        // Flush returns once librdkafka's queue is empty, possibly while the last report is still being handled.
        var remaining = producer.Flush(TimeSpan.FromMinutes(2));
        allReported.Wait(TimeSpan.FromSeconds(30));
        if (remaining > 0 || failed > 0 || delivered != records.Length)
        {
            throw new InvalidOperationException(
                $"producing to {topic}: {delivered} delivered, {failed} failed ({firstError?.Reason}), {remaining} still queued");
        }

        return new RawProduceResult(
            delivered, Stopwatch.GetElapsedTime(first, last), Stopwatch.GetElapsedTime(start, last), partitionBytes);
    }

    /// <summary>Reads <paramref name="expected"/> records of <paramref name="topic"/> from the beginning, in a new group.</summary>
    public static RawConsumeResult Consume(string bootstrap, string topic, int expected, TimeSpan timeout)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            ClientId = "bench-consumer",
            GroupId = "bench-raw-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            EnablePartitionEof = false,
            FetchWaitMaxMs = FetchWaitMaxMs,
        };
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(topic);
        long first = 0;
        long last = 0;
        var consumed = 0;
        while (consumed < expected && Stopwatch.GetTimestamp() < deadline)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is null)
            {
                continue;
            }

            last = Stopwatch.GetTimestamp();
            if (consumed++ == 0)
            {
                first = last;
            }
        }

        consumer.Close();
        if (consumed < expected)
        {
            throw new InvalidOperationException($"consuming {topic}: only {consumed} of {expected} records within {timeout}");
        }

        return new RawConsumeResult(consumed, Stopwatch.GetElapsedTime(first, last), Stopwatch.GetElapsedTime(start, last));
    }

    /// <summary>Sum over the partitions of (high − low watermark), and whether every low watermark is still 0 (nothing dropped).</summary>
    public static (long Records, bool NothingDropped) Watermarks(string bootstrap, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "bench-watermarks",
        }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions;
        long records = 0;
        var nothingDropped = true;
        foreach (var partition in partitions)
        {
            var marks = consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition.PartitionId), TimeSpan.FromSeconds(10));
            records += marks.High.Value - marks.Low.Value;
            nothingDropped &= marks.Low.Value == 0;
        }

        return (records, nothingDropped);
    }
}
