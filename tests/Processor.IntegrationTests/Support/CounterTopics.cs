using System.Text;
using Confluent.Kafka;
using Google.Protobuf;
using Processor.Contracts;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Provisioning;
using Processor.Messaging.TestWorker.V1;
using Processor.Testing;

namespace Processor.IntegrationTests.Support;

/// <summary>The broker a scenario's topics live on: the test process's shared one, or a cluster a fault test has to itself.</summary>
public sealed record CounterBroker(string BootstrapServers, ITopicProvisioner Provisioner)
{
    public static CounterBroker Shared => new(KafkaBroker.BootstrapServers, KafkaBroker.Provisioner);
}

/// <summary>One counter scenario's topics and schema: what goes in, and how to read what came out.</summary>
public sealed class CounterTopics
{
    public CounterTopics(string prefix, int partitions = 4, CounterBroker? broker = null)
        : this(KafkaBroker.UniqueTopic(prefix + "-in"), KafkaBroker.UniqueTopic(prefix + "-out"), partitions, broker ?? CounterBroker.Shared)
    {
    }

    private CounterTopics(string input, string output, int partitions, CounterBroker broker)
    {
        Input = input;
        Output = output;
        Partitions = partitions;
        Broker = broker;
    }

    /// <summary>The same input read by another worker that writes to its own output topic.</summary>
    public CounterTopics WithOtherOutput() => new(Input, KafkaBroker.UniqueTopic("other-out"), Partitions, Broker);

    /// <summary>The topics of a downstream worker: it reads this scenario's output and writes to an output of its own.</summary>
    public CounterTopics Downstream() => new(Output, KafkaBroker.UniqueTopic("downstream-out"), Partitions, Broker);

    public CounterBroker Broker { get; }

    public string Input { get; }

    public string Output { get; }

    public int Partitions { get; }

    public async Task CreateAsync(CancellationToken cancellationToken) =>
        await Broker.Provisioner.EnsureTopicsAsync(
            [new(Input, Partitions), new(Output, Partitions), new(Input + ".dlq", 1)], cancellationToken);

    /// <summary>Increments spread over <paramref name="keys"/> counters, each key numbered from 0, each with a new id.</summary>
    public static List<(Guid Id, CounterIncremented Message)> Increments(int count, int keys, int seed = 7)
    {
        var random = new Random(seed);
        var sequences = new long[keys];
        return Enumerable.Range(0, count).Select(_ =>
        {
            var key = random.Next(keys);
            return (EventIds.NewFact(), new CounterIncremented { Key = $"k{key}", Amount = random.Next(1, 1000), Sequence = sequences[key]++ });
        }).ToList();
    }

    public async Task ProduceAsync(IEnumerable<(Guid Id, IMessage Message, string Key)> records, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            EnableIdempotence = true,
            LingerMs = 5,
            Partitioner = Partitioner.Murmur2Random,
        }).Build();
        foreach (var (id, message, key) in records)
        {
            producer.Produce(Input, Record(id, message.Descriptor.FullName, message.ToByteArray(), key));
        }

        await Task.Run(() => producer.Flush(cancellationToken), cancellationToken);
    }

    /// <summary>Produces raw records to one partition, in order.</summary>
    public async Task ProduceRawAsync(int partition, IEnumerable<Message<byte[]?, byte[]?>> records, CancellationToken cancellationToken)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig
        {
            BootstrapServers = Broker.BootstrapServers,
            EnableIdempotence = true,
        }).Build();
        await Task.Run(
            () =>
            {
                foreach (var record in records)
                {
                    producer.Produce(new TopicPartition(Input, partition), record);
                }
            },
            cancellationToken);

        await Task.Run(() => producer.Flush(cancellationToken), cancellationToken);
    }

    public Task ProduceAsync(IEnumerable<(Guid Id, CounterIncremented Message)> increments, CancellationToken cancellationToken) =>
        ProduceAsync(increments.Select(i => (i.Id, (IMessage)i.Message, i.Message.Key)), cancellationToken);

    public static Message<byte[]?, byte[]?> Record(Guid? id, string? type, byte[]? value, string key)
    {
        var headers = new Headers();
        if (id is { } eventId)
        {
            headers.Add(MessageHeaders.EventId, Encoding.UTF8.GetBytes(eventId.ToString()));
        }

        if (type is not null)
        {
            headers.Add(MessageHeaders.EventType, Encoding.UTF8.GetBytes(type));
        }

        return new Message<byte[]?, byte[]?> { Key = Encoding.UTF8.GetBytes(key), Value = value, Headers = headers };
    }

    /// <summary>
    /// Reads a topic from the beginning until <paramref name="until"/> holds or the time runs out (from the shared broker
    /// unless <paramref name="broker"/> says otherwise).
    /// </summary>
    public static List<ConsumeResult<byte[]?, byte[]?>> ReadAll(
        string topic, Func<List<ConsumeResult<byte[]?, byte[]?>>, bool> until, TimeSpan timeout, CounterBroker? broker = null)
    {
        var bootstrapServers = (broker ?? CounterBroker.Shared).BootstrapServers;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, TimeSpan.FromSeconds(10)).Topics.Single().Partitions
            .Select(p => new TopicPartitionOffset(topic, p.PartitionId, Offset.Beginning)).ToList();
        consumer.Assign(partitions);
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline && !until(records))
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record)
            {
                records.Add(record);
            }
        }

        return records;
    }

    public static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers.TryGetLastBytes(name, out var bytes) ? Encoding.UTF8.GetString(bytes) : null;
}
