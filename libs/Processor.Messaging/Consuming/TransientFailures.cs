using System.Net.Sockets;
using Npgsql;

namespace Processor.Messaging.Consuming;

/// <summary>Failures of infrastructure (retried without limit) as opposed to failures of a handler (retried, then dead-lettered).</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception) => exception switch
    {
        NpgsqlException { IsTransient: true } => true,
        // A cancelled statement (statement_timeout, an operator's pg_cancel_backend) says nothing about the record: a
        // later try may well finish, so it must never count towards dead-lettering.
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => true,
        TimeoutException or SocketException or IOException => true,
        { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };
}
