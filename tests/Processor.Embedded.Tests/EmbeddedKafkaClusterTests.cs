using System.Net;
using System.Net.Sockets;
using System.Text;
using Confluent.Kafka;
using Processor.Embedded.Kafka;
using Processor.Messaging.Provisioning;

namespace Processor.Embedded.Tests;

public sealed class EmbeddedKafkaClusterTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ProduceConsume_ThroughForwarder_KeepsKeysHeadersAndPerKeyOrder()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        const string topic = "round-trip";
        Assert.True(cluster.CreateTopic(topic, 3));

        const int count = 30;
        using (var producer = KafkaClients.Producer(cluster.BootstrapServers))
        {
            for (var i = 0; i < count; i++)
            {
                var headers = new Headers
                {
                    { "seq", Encoding.UTF8.GetBytes(i.ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                    { "repeated", [1] },
                    { "repeated", [2] },
                    { "empty", [] },
                };
                await producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i % 5}", Value = $"v{i}", Headers = headers }, Cancellation);
            }
        }

        using var consumer = KafkaClients.Consumer(cluster.BootstrapServers);
        consumer.Subscribe(topic);
        var received = KafkaClients.Consume(consumer, count, TimeSpan.FromSeconds(30));
        consumer.Close();

        Assert.Equal(count, received.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"v{i}").Order(), received.Select(r => r.Message.Value).Order());
        foreach (var byKey in received.GroupBy(r => r.Message.Key))
        {
            Assert.Single(byKey.Select(r => r.Partition.Value).Distinct());
            var sequence = byKey.OrderBy(r => r.Offset.Value).Select(r => int.Parse(Encoding.UTF8.GetString(r.Message.Headers.GetLastBytes("seq")), System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.Equal(sequence.Order(), sequence);
        }

        foreach (var result in received)
        {
            Assert.Equal($"k{int.Parse(result.Message.Value[1..], System.Globalization.CultureInfo.InvariantCulture) % 5}", result.Message.Key);
            Assert.Equal([[1], [2]], result.Message.Headers.Where(h => h.Key == "repeated").Select(h => h.GetValueBytes()));
            Assert.Empty(result.Message.Headers.GetLastBytes("empty"));
        }
    }

    [Fact]
    public void Metadata_ThroughForwarder_AdvertisesOnlyTheForwardedPorts()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var metadata = admin.GetMetadata(TimeSpan.FromSeconds(10));

        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal([1, 2, 3], metadata.Brokers.Select(b => b.BrokerId).Order());
        Assert.All(metadata.Brokers, b => Assert.Equal("127.0.0.1", b.Host));
        Assert.Equal(cluster.Ports, metadata.Brokers.OrderBy(b => b.BrokerId).Select(b => b.Port));
        Assert.DoesNotContain(cluster.Ports, p => cluster.MockBootstrapServers.Contains($":{p}", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_WithFixedBasePort_ListensOnConsecutivePortsAndCanRestartOnThem()
    {
        var basePort = FindFreePortRange(3);
        using (var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = basePort }))
        {
            Assert.Equal([basePort, basePort + 1, basePort + 2], cluster.Ports);
            Assert.Equal($"127.0.0.1:{basePort},127.0.0.1:{basePort + 1},127.0.0.1:{basePort + 2}", cluster.BootstrapServers);
            Assert.True(cluster.CreateTopic("fixed", 2));
            Assert.Equal(2, KafkaClients.PartitionCount(cluster.BootstrapServers, "fixed"));
        }

        // Dispose released the ports: a new cluster (new, empty data) starts on the same ones.
        using var restarted = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = basePort });
        Assert.Equal(basePort, restarted.Ports[0]);
        Assert.DoesNotContain(restarted.ListTopics(), t => t.Name == "fixed");
    }

    [Fact]
    public void Start_WhenPortIsTaken_FailsNamingThePort()
    {
        using var blocker = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        blocker.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        blocker.Listen();
        var taken = ((IPEndPoint)blocker.LocalEndPoint!).Port;

        var error = Assert.Throws<InvalidOperationException>(
            () => EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = taken, BrokerCount = 1 }));

        Assert.Contains($"127.0.0.1:{taken}", error.Message, StringComparison.Ordinal);
        Assert.Contains("already in use", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(12)]
    public void CreateTopic_WithNPartitions_MetadataShowsNPartitions(int partitions)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });

        Assert.True(cluster.CreateTopic("partitioned", partitions));

        Assert.Equal(partitions, KafkaClients.PartitionCount(cluster.BootstrapServers, "partitioned"));
        Assert.Contains(new EmbeddedTopic("partitioned", partitions), cluster.ListTopics());
        Assert.Equal(partitions, cluster.CreatedTopics["partitioned"]);
    }

    [Fact]
    public void CreateTopic_Twice_IsIdempotentAndKeepsTheFirstPartitionCount()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });

        Assert.True(cluster.CreateTopic("twice", 4));
        Assert.False(cluster.CreateTopic("twice", 4));
        Assert.False(cluster.CreateTopic("twice", 9));

        Assert.Equal(4, KafkaClients.PartitionCount(cluster.BootstrapServers, "twice"));
    }

    [Fact]
    public async Task DeleteTopic_ThenCreateAgain_GivesAnEmptyTopic()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        cluster.CreateTopic("recreated", 1);
        using (var producer = KafkaClients.Producer(cluster.BootstrapServers))
        {
            await producer.ProduceAsync("recreated", new Message<string, string> { Key = "k", Value = "old" }, Cancellation);
        }

        Assert.True(cluster.DeleteTopic("recreated"));
        Assert.False(cluster.DeleteTopic("recreated"));
        Assert.DoesNotContain(cluster.ListTopics(), t => t.Name == "recreated");
        Assert.True(cluster.CreateTopic("recreated", 2));

        using var consumer = KafkaClients.Consumer(cluster.BootstrapServers);
        var watermarks = consumer.QueryWatermarkOffsets(new TopicPartition("recreated", 0), TimeSpan.FromSeconds(10));
        Assert.Equal(0, watermarks.High.Value);
        Assert.Equal(2, KafkaClients.PartitionCount(cluster.BootstrapServers, "recreated"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("..")]
    [InlineData("slash/no")]
    public void CreateTopic_WithIllegalName_Throws(string name)
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });

        Assert.ThrowsAny<ArgumentException>(() => cluster.CreateTopic(name, 1));
    }

    [Fact]
    public async Task TwoClusters_WithFreePorts_RunSideBySideWithSeparateData()
    {
        using var first = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        using var second = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        Assert.Empty(first.Ports.Intersect(second.Ports));

        first.CreateTopic("shared-name", 1);
        second.CreateTopic("shared-name", 1);
        using (var producer = KafkaClients.Producer(first.BootstrapServers))
        {
            await producer.ProduceAsync("shared-name", new Message<string, string> { Key = "k", Value = "first" }, Cancellation);
        }

        await KafkaClients.AssertRoundTripAsync(second.BootstrapServers, "shared-name", Cancellation);

        using var consumer = KafkaClients.Consumer(first.BootstrapServers);
        var firstHigh = consumer.QueryWatermarkOffsets(new TopicPartition("shared-name", 0), TimeSpan.FromSeconds(10)).High;
        using var secondConsumer = KafkaClients.Consumer(second.BootstrapServers);
        var secondHigh = secondConsumer.QueryWatermarkOffsets(new TopicPartition("shared-name", 0), TimeSpan.FromSeconds(10)).High;
        Assert.Equal(1, firstHigh.Value);
        Assert.Equal(1, secondHigh.Value);
    }

    [Fact]
    public async Task Dispose_ClosesOpenClientConnectionsAndFreesThePorts()
    {
        var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        var port = cluster.Ports[0];
        cluster.CreateTopic("closing", 1);
        using var producer = KafkaClients.Producer(cluster.BootstrapServers);
        await producer.ProduceAsync("closing", new Message<string, string> { Key = "k", Value = "v" }, Cancellation);

        cluster.Dispose();
        cluster.Dispose();

        using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var refused = await Assert.ThrowsAsync<SocketException>(() => probe.ConnectAsync(IPAddress.Loopback, port, Cancellation).AsTask());
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after", 1));
    }

    [Fact]
    public void NativeLibrary_InProcessWithConfluentKafka_IsOneSharedCopy()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0, BrokerCount = 1 });
        Assert.Equal("2.16.0", LibrdkafkaNative.VersionString);
        Assert.StartsWith("2.16.0", Library.VersionString, StringComparison.Ordinal);

        var mapped = File.ReadLines("/proc/self/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].Contains("librdkafka", StringComparison.Ordinal))
            .Select(f => f[5])
            .Distinct()
            .ToList();
        Assert.Single(mapped);
    }

    [Fact]
    public async Task KafkaAdminTopicProvisioner_AgainstTheMock_FailsFastPointingToTheEmbeddedProvisioner()
    {
        using var cluster = EmbeddedKafkaCluster.Start(new EmbeddedKafkaOptions { BasePort = 0 });
        var provisioner = new KafkaAdminTopicProvisioner(cluster.BootstrapServers, timeout: TimeSpan.FromSeconds(10));
        var started = DateTime.UtcNow;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provisioner.EnsureTopicsAsync([new TopicSpec("admin-made", 3)], Cancellation));

        Assert.Contains("EmbeddedBrokerTopicProvisioner", error.Message, StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(8), "the controller id is set, so the mock answers at once");
    }

    private static int FindFreePortRange(int count)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var candidate = LoopbackPorts.GetFreePort();
            if (candidate + count - 1 > 65535)
            {
                continue;
            }

            var sockets = new List<Socket>();
            try
            {
                for (var i = 0; i < count; i++)
                {
                    var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                    sockets.Add(socket);
                    socket.Bind(new IPEndPoint(IPAddress.Loopback, candidate + i));
                }

                return candidate;
            }
            catch (SocketException)
            {
                // Taken: try another range.
            }
            finally
            {
                sockets.ForEach(s => s.Dispose());
            }
        }

        throw new InvalidOperationException("No free range of loopback ports found.");
    }
}
