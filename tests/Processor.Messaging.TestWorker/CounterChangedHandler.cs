using Dapper;
using Microsoft.Extensions.Options;
using Processor.Messaging.Consuming;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.TestWorker;

/// <summary>
/// The downstream role: records every <c>CounterChanged</c> it is handed, counting how often the same event arrives
/// (more than once would mean its inbox let a duplicate through).
/// </summary>
public sealed class CounterChangedHandler(IOptions<MessagingOptions> messaging) : IMessageHandler<CounterChanged>
{
    private readonly string _schema = messaging.Value.Schema;

    public async ValueTask<HandleOutcome> HandleAsync(CounterChanged message, HandlerContext context, CancellationToken cancellationToken)
    {
        await context.Connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.changes_seen AS c (event_id, key, sequence, total) VALUES (@id, @key, @sequence, @total)
            ON CONFLICT (event_id) DO UPDATE SET times_seen = c.times_seen + 1
            """,
            new { id = context.Incoming.EventId, key = message.Key, sequence = message.Sequence, total = message.Total },
            context.Transaction, cancellationToken: cancellationToken));
        return HandleOutcome.Done;
    }
}
