using Npgsql;
using Processor.Messaging.Consuming;

namespace Processor.Messaging.Tests;

/// <summary>Infrastructure failures are retried without limit; only a handler's own failures are ever dead-lettered.</summary>
public sealed class TransientFailuresTests
{
    [Fact]
    public void CancelledStatement_IsTransient()
    {
        var timeout = new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled);

        Assert.True(TransientFailures.IsTransient(timeout));
    }

    [Fact]
    public void CancelledStatementWrappedByAHandler_IsTransient()
    {
        var timeout = new PostgresException("canceling statement due to statement timeout", "ERROR", "ERROR", PostgresErrorCodes.QueryCanceled);

        Assert.True(TransientFailures.IsTransient(new InvalidOperationException("handler failed", timeout)));
    }

    [Fact]
    public void ConstraintViolation_IsNotTransient()
    {
        var violation = new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation);

        Assert.False(TransientFailures.IsTransient(violation));
    }
}
