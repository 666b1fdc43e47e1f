using Google.Protobuf;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>An event one validator's processor sent to its coordinator (a member of <c>ProcessorEvent</c>).</summary>
/// <param name="Validator">The validator (1-based, in configuration order).</param>
/// <param name="EventId">The record's <c>event-id</c>.</param>
/// <param name="Message">The event.</param>
/// <param name="TraceParent">The record's W3C <c>traceparent</c>, if any: commands it causes continue its trace.</param>
public sealed record ProcessorEventRecord(int Validator, Guid EventId, IMessage Message, string? TraceParent = null);

/// <summary>Delivers commands to the validators' processors; each validator receives its commands in the order they are given.</summary>
public interface ICommandSender
{
    /// <summary>Sends <paramref name="commands"/> and returns once all are delivered; <paramref name="cause"/> is the event they answer, if any.</summary>
    Task SendAsync(IReadOnlyList<AddressedCommand> commands, ProcessorEventRecord? cause, CancellationToken cancellationToken);
}
