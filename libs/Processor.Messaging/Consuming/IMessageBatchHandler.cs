using Google.Protobuf;
using Npgsql;

namespace Processor.Messaging.Consuming;

/// <summary>One event of a batch, with the context it emits through.</summary>
public readonly record struct BatchItem<TMessage>(TMessage Message, HandlerContext Context);

/// <summary>
/// Applies a run of consecutive events of one type in one call, so that a handler can write them with a few set-based
/// statements instead of one round trip per event. The items are in log order and share <paramref name="transaction"/>
/// (the same transaction as the consumer's offsets, inbox and outbox); each item emits through its own
/// <see cref="HandlerContext"/>, so derived event ids are the same as if the events had been handled one by one.
/// </summary>
/// <remarks>
/// Whatever goes wrong in a run — an exception, a <see cref="PoisonMessageException"/>, or a returned
/// <see cref="HandleOutcome.Park"/> — rolls the whole run back, and the consumer then applies those records again one
/// at a time (a batch of one item each), so a failure, a poison record or a park affects only the record it concerns.
/// A handler therefore never has to work out which item of a run was at fault, and must produce the same state and the
/// same events whether it sees the events together or one at a time.
/// </remarks>
public interface IMessageBatchHandler<TMessage>
    where TMessage : IMessage
{
    ValueTask<HandleOutcome> HandleBatchAsync(
        IReadOnlyList<BatchItem<TMessage>> items, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
