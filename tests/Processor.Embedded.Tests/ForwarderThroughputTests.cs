using System.Diagnostics;
using Confluent.Kafka;
using Processor.Embedded.Kafka;

namespace Processor.Embedded.Tests;

/// <summary>Bulk traffic through the forwarder, with the rates written to the test output (bounded to a few seconds).</summary>
public sealed class ForwarderThroughputTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public void ProduceThenConsume_50kMessagesThroughForwarder_AllArriveInOrderPerPartition(int brokers)
    {
        const int messages = 50_000;
        const int partitions = 12;
        var output = TestContext.Current.TestOutputHelper;
        var start = Stopwatch.StartNew();
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = brokers });
        output?.WriteLine($"{brokers} broker(s): Start() returned in {start.Elapsed.TotalMilliseconds:F0} ms (ready check included: {cluster.StartupTime.TotalMilliseconds:F0} ms)");
        cluster.CreateTopic("bulk", partitions);
        var value = new string('x', 200);

        var produce = Stopwatch.StartNew();
        using (var producer = new ProducerBuilder<Null, string>(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            EnableIdempotence = true,
            Acks = Acks.All,
            LingerMs = 5,
        }).Build())
        {
            var failures = 0;
            for (var i = 0; i < messages; i++)
            {
                var partition = new TopicPartition("bulk", i % partitions);
                while (true)
                {
                    try
                    {
                        producer.Produce(partition, new Message<Null, string> { Value = value }, r =>
                        {
                            if (r.Error.IsError)
                            {
                                Interlocked.Increment(ref failures);
                            }
                        });
                        break;
                    }
                    catch (ProduceException<Null, string> e) when (e.Error.Code == ErrorCode.Local_QueueFull)
                    {
                        producer.Poll(TimeSpan.FromMilliseconds(10));
                    }
                }
            }

            Assert.Equal(0, producer.Flush(TimeSpan.FromSeconds(60)));
            Assert.Equal(0, failures);
        }

        produce.Stop();

        var consume = Stopwatch.StartNew();
        using var consumer = new ConsumerBuilder<Ignore, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = $"bulk-{Guid.NewGuid():N}",
            EnableAutoCommit = false,
            FetchWaitMaxMs = 10,
        }).Build();
        consumer.Assign(Enumerable.Range(0, partitions).Select(p => new TopicPartitionOffset("bulk", p, Offset.Beginning)));
        var next = new long[partitions];
        var received = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (received < messages && DateTime.UtcNow < deadline && !Cancellation.IsCancellationRequested)
        {
            var result = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (result?.Message is null)
            {
                continue;
            }

            Assert.Equal(next[result.Partition.Value], result.Offset.Value);
            next[result.Partition.Value]++;
            received++;
        }

        consume.Stop();
        consumer.Close();

        Assert.Equal(messages, received);
        output?.WriteLine(
            $"{brokers} broker(s), {messages} x 200 B over {partitions} partitions, idempotent, acks=all, linger 5 ms: " +
            $"produce {messages / produce.Elapsed.TotalSeconds:F0} msg/s ({produce.Elapsed.TotalMilliseconds:F0} ms), " +
            $"consume {messages / consume.Elapsed.TotalSeconds:F0} msg/s ({consume.Elapsed.TotalMilliseconds:F0} ms, incl. consumer start)");
    }
}
