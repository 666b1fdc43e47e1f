using Npgsql;
using Processor.Hosting.Failures;

namespace Processor.Messaging.Storage;

/// <summary>
/// Postgres failures that pass: what Npgsql marks transient (connection lost, server shutting down, serialization
/// conflicts…) and a statement cancelled by the server (57014: <c>statement_timeout</c> or an administrator), which says
/// nothing about the statement being wrong. A cancellation the caller asked for surfaces as an
/// <see cref="OperationCanceledException"/> and is handled before any classification.
/// </summary>
public sealed class PostgresTransientFailureRule : ITransientFailureRule
{
    public bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => true,
        _ => false,
    };
}
