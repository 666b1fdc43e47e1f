using Npgsql;
using Processor.Hosting.Failures;
using Processor.Messaging.Storage;
using Processor.Testing;

namespace Processor.IntegrationTests.Messaging;

/// <summary>Postgres failures as a real server raises them: which ones the consumer retries without limit, which it counts.</summary>
public sealed class PostgresTransientFailureTests
{
    private readonly TransientFailureClassifier _classifier = new([new PostgresTransientFailureRule()]);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task StatementCancelledByTheServer_IsTransient()
    {
        var failure = await FailureOfAsync("SET statement_timeout = 1; SELECT pg_sleep(5)");

        Assert.Equal(PostgresErrorCodes.QueryCanceled, Assert.IsType<PostgresException>(failure).SqlState);
        Assert.True(_classifier.IsTransient(failure));
    }

    [Fact]
    public async Task UnreachableServer_IsTransient()
    {
        var unreachable = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString)
        {
            Port = Processor.Embedded.LoopbackPorts.GetFreePort(),
            Timeout = 2,
        };
        await using var connection = new NpgsqlConnection(unreachable.ConnectionString);

        var failure = await Record.ExceptionAsync(() => connection.OpenAsync(Cancel));

        Assert.True(_classifier.IsTransient(Assert.IsType<NpgsqlException>(failure, exactMatch: false)));
    }

    [Fact]
    public async Task ViolatedConstraint_IsNotTransient()
    {
        var failure = await FailureOfAsync("CREATE TEMP TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (1)");

        Assert.Equal(PostgresErrorCodes.UniqueViolation, Assert.IsType<PostgresException>(failure).SqlState);
        Assert.False(_classifier.IsTransient(failure));
    }

    private static async Task<Exception?> FailureOfAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new NpgsqlCommand(sql, connection);
        return await Record.ExceptionAsync(() => command.ExecuteNonQueryAsync(Cancel));
    }
}
