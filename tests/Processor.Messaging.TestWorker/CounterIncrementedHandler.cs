using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Messaging.Consuming;
using Processor.Messaging.TestWorker.V1;

namespace Processor.Messaging.TestWorker;

/// <summary>
/// Per increment: one ledger row, the counter's new total, and one emitted <see cref="CounterChanged"/> — the shape the
/// exactly-once tests and benchmarks need. A run of increments is written with one statement (<see cref="CounterLedger"/>).
/// </summary>
public sealed class CounterIncrementedHandler(
    WorkerSettings settings, CounterLedger ledger, InjectedFaults faults, IOptions<MessagingOptions> messaging)
    : IMessageBatchHandler<CounterIncremented>
{
    /// <summary>Increments of keys with this prefix make the handler throw (to exercise retries and dead-lettering).</summary>
    public const string FailingKeyPrefix = "fail";

    private readonly string _schema = messaging.Value.Schema;

    public async ValueTask<HandleOutcome> HandleBatchAsync(
        IReadOnlyList<BatchItem<CounterIncremented>> items, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var (message, _) in items)
        {
            if (message.Amount < 0)
            {
                throw new PoisonMessageException($"negative amount {message.Amount} for counter '{message.Key}'");
            }

            if (message.Key.StartsWith(FailingKeyPrefix, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"counter '{message.Key}' is configured to fail");
            }
        }

        if (settings.ParkKeysUntilCounterExists is { } gate
            && items.Any(i => i.Message.Key.StartsWith(gate.Prefix, StringComparison.Ordinal))
            && !await CounterExistsAsync(transaction, gate.Counter, cancellationToken))
        {
            return HandleOutcome.Park($"counter '{gate.Counter}' does not exist yet");
        }

        var totals = await ledger.ApplyAsync(
            transaction, items.Select(i => (i.Context.Incoming.EventId, i.Message)).ToList(), cancellationToken);
        await faults.AfterWritesAsync(transaction, cancellationToken);
        for (var i = 0; i < items.Count; i++)
        {
            var (message, context) = items[i];
            context.Emit(settings.OutputTopic, message.Key, new CounterChanged { Key = message.Key, Total = totals[i], Sequence = message.Sequence });
        }

        return HandleOutcome.Done;
    }

    private Task<bool> CounterExistsAsync(NpgsqlTransaction transaction, string key, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {_schema}.counters WHERE key = @key)", new { key },
            transaction, cancellationToken: cancellationToken));
}
