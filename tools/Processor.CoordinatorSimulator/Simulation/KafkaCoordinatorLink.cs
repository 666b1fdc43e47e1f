using System.Threading.Channels;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Logging;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Messaging.Envelopes;
using Processor.Messaging.Provisioning;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// The simulator's Kafka side: it produces each validator's <c>coordinator.commands.&lt;network&gt;.v1</c> (in that validator's
/// topic namespace) and consumes each one's <c>processor.events.&lt;network&gt;.v1</c> from the beginning. Records are framed by
/// the messaging library (<see cref="EventEnvelopes"/>), exactly as a processor's outbox relay frames its own.
/// </summary>
public sealed partial class KafkaCoordinatorLink : ICommandSender, IDisposable
{
    private static readonly HashSet<string> ProcessorEventTypes =
        [.. ProcessorEvent.Descriptor.Oneofs[0].Fields.Select(f => f.MessageType.FullName)];

    private readonly SimulatorOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<NetworkTopics> _topics;
    private readonly IProducer<byte[]?, byte[]> _producer;
    private int _disposed;

    public KafkaCoordinatorLink(SimulatorOptions options, TimeProvider time, ILogger<KafkaCoordinatorLink> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.EnsureValid();
        _options = options;
        _time = time;
        _logger = logger;
        _topics = [.. options.Validators.Select(v => Topics.For(options.Network, v.Namespace))];
        _producer = new ProducerBuilder<byte[]?, byte[]>(new ProducerConfig
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = "coordinator-simulator",
            EnableIdempotence = true,
            LingerMs = 1,
        }).Build();
    }

    /// <summary>Every topic of every validator's namespace (the processors create the same ones; creating is idempotent).</summary>
    public IReadOnlyList<TopicSpec> ValidatorTopics => [.. _topics.SelectMany(t => t.All).Select(t => new TopicSpec(t.Name, t.Partitions))];

    /// <summary>Creates <see cref="ValidatorTopics"/>.</summary>
    public Task ProvisionAsync(ITopicProvisioner provisioner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(provisioner);
        return provisioner.EnsureTopicsAsync(ValidatorTopics, cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The record key is the network name: the coordinator link is one ordered stream per validator, whatever the command.
    /// A command answering an event carries its id as causation and continues its trace.
    /// </remarks>
    public async Task SendAsync(AddressedCommand command, ProcessorEventRecord? cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var topic = _topics[command.Validator - 1].CoordinatorCommands;
        var outgoing = new OutgoingEvent(
            EventIds.NewFact(), topic, _options.Network, command.Command, cause?.EventId, null, cause?.TraceParent);
        await _producer.ProduceAsync(topic, EventEnvelopes.ToKafkaMessage(outgoing, _time.GetUtcNow()), cancellationToken);
    }

    /// <summary>
    /// Consumes every validator's processor events from the beginning and hands each to <paramref name="onEvent"/>, one at a
    /// time in arrival order, until cancelled. Records that are not processor events are logged and skipped.
    /// </summary>
    public async Task RunAsync(Func<ProcessorEventRecord, CancellationToken, Task> onEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var received = Channel.CreateUnbounded<ProcessorEventRecord>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var consuming = Task.Factory.StartNew(
            () => Consume(received.Writer, cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var record in received.Reader.ReadAllAsync(cancellationToken))
            {
                await onEvent(record, cancellationToken);
            }
        }
        finally
        {
            await consuming.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    // Idempotent: a host that registers the link under two service types disposes it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _producer.Flush(TimeSpan.FromSeconds(5));
        _producer.Dispose();
    }

    // Librdkafka's consumer blocks: it runs on its own thread and hands records over through the channel.
    private void Consume(ChannelWriter<ProcessorEventRecord> writer, CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = _options.BootstrapServers,
            GroupId = $"coordinator-simulator-{Guid.NewGuid():N}",
            ClientId = "coordinator-simulator",
            EnableAutoCommit = false,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        var validatorOf = _topics.Select((t, i) => (t.ProcessorEvents, Validator: i + 1)).ToDictionary(t => t.ProcessorEvents, t => t.Validator);
        consumer.Assign(validatorOf.Keys.Select(topic => new TopicPartitionOffset(topic, 0, Offset.Beginning)));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var record = consumer.Consume(cancellationToken);
                if (Decode(validatorOf[record.Topic], record) is { } decoded)
                {
                    writer.TryWrite(decoded);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            consumer.Close();
            writer.TryComplete();
        }
    }

    private ProcessorEventRecord? Decode(int validator, ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = record.Message.Headers;
        var type = headers is not null && headers.TryGetLastBytes(MessageHeaders.EventType, out var t) ? HeaderText.TryDecode(t) : null;
        var id = headers is not null && headers.TryGetLastBytes(MessageHeaders.EventId, out var i) ? HeaderText.TryDecode(i) : null;
        var traceParent = headers is not null && headers.TryGetLastBytes(MessageHeaders.TraceParent, out var p) ? HeaderText.TryDecode(p) : null;
        if (type is null || !ProcessorEventTypes.Contains(type) || !MessageTypeRegistry.Default.TryGetParser(type, out var parser))
        {
            LogSkipped(record.Topic, record.Offset.Value, $"'{type}' is not a processor event type");
            return null;
        }

        if (!Guid.TryParse(id, out var eventId))
        {
            LogSkipped(record.Topic, record.Offset.Value, $"invalid or missing {MessageHeaders.EventId} '{id}'");
            return null;
        }

        try
        {
            return new ProcessorEventRecord(validator, eventId, parser.ParseFrom(record.Message.Value ?? []), traceParent);
        }
        catch (InvalidProtocolBufferException e)
        {
            LogSkipped(record.Topic, record.Offset.Value, $"unparseable {type}: {e.Message}");
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped the record at {Topic}@{Offset}: {Reason}")]
    private partial void LogSkipped(string topic, long offset, string reason);
}
