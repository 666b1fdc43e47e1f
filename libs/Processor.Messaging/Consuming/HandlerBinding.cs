using System.Diagnostics;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Processor.Messaging.Consuming;

/// <summary>A decoded event and the context its handler emits through.</summary>
public readonly record struct HandlerInput(IMessage Message, HandlerContext Context);

/// <summary>How a run of events ended: all applied, or one of them parked (index into the run).</summary>
public readonly record struct RunOutcome(int ParkedIndex, string? ParkReason)
{
    public static RunOutcome Done => new(-1, null);

    public bool IsParked => ParkReason is not null;
}

/// <summary>Runs the handler registered for one message type over a run of consecutive events of that type.</summary>
public sealed class HandlerBinding
{
    private delegate ValueTask<RunOutcome> RunHandler(
        IServiceProvider services, IReadOnlyList<HandlerInput> run, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    private readonly RunHandler _run;

    private HandlerBinding(MessageParser parser, RunHandler run)
    {
        Parser = parser;
        _run = run;
    }

    public MessageParser Parser { get; }

    /// <summary>A handler of one event at a time: each event runs with its own processing span as the current one.</summary>
    public static HandlerBinding For<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : IMessageHandler<TMessage> =>
        new(
            new MessageParser<TMessage>(() => new TMessage()),
            async (services, run, _, ct) =>
            {
                var handler = services.GetRequiredService<THandler>();
                for (var i = 0; i < run.Count; i++)
                {
                    var (message, context) = run[i];
                    var previous = Activity.Current;
                    Activity.Current = context.Activity ?? previous;
                    try
                    {
                        var outcome = await handler.HandleAsync((TMessage)message, context, ct);
                        if (outcome.IsParked)
                        {
                            return new RunOutcome(i, outcome.ParkReason);
                        }
                    }
                    finally
                    {
                        Activity.Current = previous;
                    }
                }

                return RunOutcome.Done;
            });

    /// <summary>A handler of whole runs (<see cref="IMessageBatchHandler{TMessage}"/>).</summary>
    public static HandlerBinding ForBatch<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : IMessageBatchHandler<TMessage> =>
        new(
            new MessageParser<TMessage>(() => new TMessage()),
            async (services, run, transaction, ct) =>
            {
                var items = new BatchItem<TMessage>[run.Count];
                for (var i = 0; i < run.Count; i++)
                {
                    items[i] = new BatchItem<TMessage>((TMessage)run[i].Message, run[i].Context);
                }

                var outcome = await services.GetRequiredService<THandler>().HandleBatchAsync(items, transaction, ct);
                // Which item must wait is found by applying the run again one record at a time.
                return outcome.IsParked ? new RunOutcome(0, outcome.ParkReason) : RunOutcome.Done;
            });

    public ValueTask<RunOutcome> RunAsync(
        IServiceProvider services, IReadOnlyList<HandlerInput> run, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        _run(services, run, transaction, cancellationToken);
}
