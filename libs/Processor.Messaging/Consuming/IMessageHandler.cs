using Google.Protobuf;

namespace Processor.Messaging.Consuming;

/// <summary>
/// Applies one event. Everything it writes goes through <see cref="HandlerContext.Transaction"/>, and everything it
/// emits through <see cref="HandlerContext.Emit"/>, so state, emitted events and the consumer offset commit together.
/// Handlers must be deterministic: a replay of the same input must emit the same events in the same order.
/// </summary>
public interface IMessageHandler<in TMessage>
    where TMessage : IMessage
{
    ValueTask<HandleOutcome> HandleAsync(TMessage message, HandlerContext context, CancellationToken cancellationToken);
}
