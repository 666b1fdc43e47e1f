using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Processor.Messaging.Diagnostics;

/// <summary>The messaging library's traces and metrics (exported by the host's OpenTelemetry set-up).</summary>
public sealed class MessagingTelemetry : IMessagingObserver, IDisposable
{
    public const string Name = "Processor.Messaging";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Counter<long> _committed;
    private readonly Counter<long> _published;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _parked;
    private readonly Counter<long> _relayDeadLettered;

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _committed = _meter.CreateCounter<long>("processor.messaging.records_committed", description: "Records applied and committed.");
        _published = _meter.CreateCounter<long>("processor.messaging.outbox_published", description: "Outbox rows published.");
        _deadLettered = _meter.CreateCounter<long>("processor.messaging.dead_lettered", description: "Records sent to a dead-letter topic.");
        _parked = _meter.CreateCounter<long>("processor.messaging.parked", description: "Times a partition was parked.");
        _relayDeadLettered = _meter.CreateCounter<long>(
            "processor.messaging.outbox_dead_lettered", description: "Outbox rows the broker refused for good (alert on any).");
    }

    /// <summary>
    /// Starts the span of one record's handling, as a child of the trace its producer recorded in <c>traceparent</c>; the
    /// events the handler emits carry this span on. Null (and free) when nobody listens.
    /// </summary>
    public static Activity? StartProcessing(Envelopes.IncomingEvent incoming, string consumerGroup)
    {
        if (!ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(incoming.TraceParent, null, out var parent);
        var activity = ActivitySource.StartActivity($"{incoming.Topic} process", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.system", "kafka")
            .SetTag("messaging.operation.type", "process")
            .SetTag("messaging.destination.name", incoming.Topic)
            .SetTag("messaging.destination.partition.id", incoming.Partition)
            .SetTag("messaging.kafka.offset", incoming.Offset)
            .SetTag("messaging.consumer.group.name", consumerGroup)
            .SetTag("messaging.message.id", incoming.EventId.ToString())
            .SetTag("processor.event_type", incoming.EventType);
        return activity;
    }

    public void Committed(int records) => _committed.Add(records);

    public void RelayMarked(int records) => _published.Add(records);

    public void DeadLettered(int records) => _deadLettered.Add(records);

    public void Parked() => _parked.Add(1);

    public void RelayDeadLettered(int records) => _relayDeadLettered.Add(records);

    public void Dispose() => _meter.Dispose();
}
