using Dapper;
using Microsoft.Extensions.Options;
using Processor.Messaging.Consuming;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.TestWorker;

/// <summary>Writes one row and emits one event per increment: the shape the exactly-once tests and benchmarks need.</summary>
public sealed class CounterIncrementedHandler(WorkerSettings settings, IOptions<MessagingOptions> messaging)
    : IMessageHandler<CounterIncremented>
{
    /// <summary>Increments of keys with this prefix make the handler throw (to exercise retries and dead-lettering).</summary>
    public const string FailingKeyPrefix = "fail";

    private readonly string _schema = messaging.Value.Schema;

    public async ValueTask<HandleOutcome> HandleAsync(CounterIncremented message, HandlerContext context, CancellationToken cancellationToken)
    {
        if (message.Amount < 0)
        {
            throw new PoisonMessageException($"negative amount {message.Amount} for counter '{message.Key}'");
        }

        if (message.Key.StartsWith(FailingKeyPrefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"counter '{message.Key}' is configured to fail");
        }

        if (settings.ParkKeysUntilCounterExists is { } gate && message.Key.StartsWith(gate.Prefix, StringComparison.Ordinal))
        {
            var gateOpen = await context.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                $"SELECT EXISTS (SELECT 1 FROM {_schema}.counters WHERE key = @key)", new { key = gate.Counter },
                context.Transaction, cancellationToken: cancellationToken));
            if (!gateOpen)
            {
                return HandleOutcome.Park($"counter '{gate.Counter}' does not exist yet");
            }
        }

        var total = await context.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.counters AS c (key, total, applied) VALUES (@key, @amount, 1)
            ON CONFLICT (key) DO UPDATE SET total = c.total + excluded.total, applied = c.applied + 1
            RETURNING total
            """,
            new { key = message.Key, amount = message.Amount }, context.Transaction, cancellationToken: cancellationToken));
        context.Emit(settings.OutputTopic, message.Key, new CounterChanged { Key = message.Key, Total = total, Sequence = message.Sequence });
        return HandleOutcome.Done;
    }
}
