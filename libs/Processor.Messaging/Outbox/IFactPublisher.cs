using Google.Protobuf;
using Npgsql;

namespace Processor.Messaging.Outbox;

/// <summary>
/// The one way to publish a new fact: an event no consumed event caused (a scanned block, a broadcast, a timer). It goes
/// into the outbox in the caller's transaction, so it is published exactly when the state it describes commits. Its id
/// is derived from <c>naturalKey</c>, which names the fact (e.g. <c>scanner/bitcoin/block/812345/&lt;hash&gt;</c>): the
/// same fact appended twice — by a retry, a replay or a rebuild — has the same id, is stored once and is dropped by
/// downstream inboxes. Events caused by a consumed event are emitted through <c>HandlerContext.Emit</c> instead.
/// </summary>
public interface IFactPublisher
{
    /// <summary>Appends <paramref name="message"/> to the outbox for <paramref name="topic"/>; returns its event id.</summary>
    /// <param name="partitionKey">Events with the same key keep their order (e.g. the network).</param>
    /// <param name="naturalKey">Names the fact uniquely and stably; the event id is derived from it.</param>
    Task<Guid> AppendAsync(
        NpgsqlTransaction transaction, string topic, string partitionKey, string naturalKey, IMessage message, CancellationToken cancellationToken);
}
