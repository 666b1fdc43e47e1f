using System.Diagnostics;
using Google.Protobuf;
using Npgsql;
using Processor.Messaging.Envelopes;

namespace Processor.Messaging.Consuming;

/// <summary>The transaction a handler writes in, the record it handles, and the events it emits.</summary>
public sealed class HandlerContext
{
    private readonly List<OutgoingEvent> _emitted = [];

    internal HandlerContext(NpgsqlTransaction transaction, IncomingEvent incoming, Activity? activity)
    {
        Transaction = transaction;
        Incoming = incoming;
        Activity = activity;
    }

    public NpgsqlTransaction Transaction { get; }

    public NpgsqlConnection Connection => Transaction.Connection!;

    public IncomingEvent Incoming { get; }

    /// <summary>The span of this record's processing (null when nobody listens); the events it emits continue it.</summary>
    public Activity? Activity { get; }

    internal IReadOnlyList<OutgoingEvent> Emitted => _emitted;

    /// <summary>
    /// Emits an event derived from the incoming one. Its id is a function of the incoming id and of how many events the
    /// handler emitted before it, so a replay re-creates the same id.
    /// </summary>
    public Guid Emit(string topic, string key, IMessage message)
    {
        var eventId = EventIds.Derived(Incoming.EventId, _emitted.Count);
        _emitted.Add(new OutgoingEvent(
            eventId, topic, key, message, Incoming.EventId, Incoming.CorrelationId ?? Incoming.EventId, Activity?.Id));
        return eventId;
    }
}
