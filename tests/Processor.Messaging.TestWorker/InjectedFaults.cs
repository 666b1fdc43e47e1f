using Dapper;
using Npgsql;

namespace Processor.Messaging.TestWorker;

/// <summary>
/// Faults the counter handler injects when the fault tests ask for them (<see cref="WorkerSettings.TransientFailures"/>,
/// <see cref="WorkerSettings.SlowBatches"/>). One instance per process, so the counts hold across batches and retries.
/// </summary>
public sealed class InjectedFaults(WorkerSettings settings)
{
    private int _failures;
    private int _slowBatches;

    /// <summary>Runs after the handler's writes, inside the batch's open transaction.</summary>
    public async Task AfterWritesAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var failure = Interlocked.Increment(ref _failures);
        if (failure <= settings.TransientFailures)
        {
            throw new TimeoutException($"injected transient failure {failure} of {settings.TransientFailures}");
        }

        if (settings.SlowBatches is { } slow && Interlocked.Increment(ref _slowBatches) <= slow.Count)
        {
            // Tests wait for this line to act while a transaction is open and has written.
            await Console.Out.WriteLineAsync("SLOW-BATCH");
            await Console.Out.FlushAsync(cancellationToken);
            // The sleep runs in Postgres, so a statement timeout or a server crash hits it like any slow statement.
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "SELECT pg_sleep(@seconds)", new { seconds = slow.Delay.TotalSeconds }, transaction, cancellationToken: cancellationToken));
        }
    }
}
