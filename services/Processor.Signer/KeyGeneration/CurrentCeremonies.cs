using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Messaging.Consuming;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// Finds the attempt a round message is for: the stored attempt, locked; null for a message of an attempt a later one
/// replaced (stale: ignored, as Serai does); a poison message for an attempt this signer never started.
/// </summary>
public sealed partial class CurrentCeremonies(KeyGenerationStore store, ILogger<CurrentCeremonies> logger)
{
    public async Task<StoredCeremony?> LockAsync(NpgsqlTransaction transaction, string message, uint session, uint attempt, CancellationToken cancellationToken)
    {
        var latest = await store.LatestAttemptAsync(transaction, session, cancellationToken);
        if (latest is { } newer && attempt < newer)
        {
            LogStale(logger, message, session, attempt, newer);
            return null;
        }

        return await store.LockAsync(transaction, session, attempt, cancellationToken)
            ?? throw new PoisonMessageException($"{message} for session {session} attempt {attempt}: no GenerateKey started that attempt here.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ignoring {Message} for session {Session} attempt {Attempt}: attempt {Latest} replaced it")]
    private static partial void LogStale(ILogger logger, string message, uint session, uint attempt, long latest);
}
