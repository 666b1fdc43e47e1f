using Dapper;
using Npgsql;
using Processor.Embedded.Postgres;
using Processor.IntegrationTests.Support;

namespace Processor.IntegrationTests.Faults;

/// <summary>
/// Postgres fails under a running worker (a child process): the whole server is killed while a batch's transaction has
/// written and not committed, or while a commit waits for its acknowledgement, or the worker's connection is terminated
/// mid-commit. Each test has a server of its own, restarted on the same data directory, and ends with the state and
/// output of a run without faults.
/// </summary>
public sealed class PostgresCrashTests : IAsyncLifetime
{
    private const int Events = 600;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    private TemporaryPostgresCluster _server = null!;

    /// <summary>How a commit in flight is cut off.</summary>
    public enum CommitFault
    {
        ServerKilled,
        BackendTerminated,
    }

    public async ValueTask InitializeAsync() => _server = await TemporaryPostgresCluster.StartAsync();

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ServerKilledMidBatch_WorkerFinishesWithStateAndOutputOfRunWithoutFaults()
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("pg-kill-batch", Events, ct);
        await scenario.ProduceAsync(ct);
        var config = Config(scenario.Topics) with { SlowBatches = new(1, TimeSpan.FromSeconds(30)) };
        var state = config.ReadState();

        using var worker = WorkerProcess.Start(config);
        await worker.SlowBatchStarted.WaitAsync(Timeout, ct);
        _server.Kill();
        await _server.RestartAsync(ct);

        Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the worker did not finish:\n" + worker.Output);
        Assert.False(worker.HasExited, "the worker stopped:\n" + worker.Output);
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }

    [Theory]
    [InlineData(CommitFault.ServerKilled)]
    [InlineData(CommitFault.BackendTerminated)]
    public async Task CommitCutOffBeforeItsAcknowledgement_WorkerFinishesWithStateAndOutputOfRunWithoutFaults(CommitFault fault)
    {
        var ct = TestContext.Current.CancellationToken;
        var scenario = await FaultScenario.CreateAsync("pg-commit", Events, ct);
        await scenario.ProduceAsync(ct, take: Events / 2);
        var config = Config(scenario.Topics);
        var state = config.ReadState();

        // Commits wait for a synchronous standby that never comes: each one is durable here but never acknowledged.
        await ExecuteAsync("ALTER DATABASE postgres SET synchronous_commit = on", ct);
        using var worker = WorkerProcess.Start(config);
        Assert.True(await state.AllAppliedAndPublishedAsync(Events / 2, Timeout), "the first half was not applied:\n" + worker.Output);
        await ExecuteAsync("ALTER SYSTEM SET synchronous_standby_names = 'absent_standby'", ct);
        await ExecuteAsync("SELECT pg_reload_conf()", ct);
        await scenario.ProduceAsync(ct, skip: Events / 2);

        Assert.True(await CounterState.EventuallyAsync(async () => await CommitsAwaitingAcknowledgementAsync() > 0, Timeout),
            "no commit waited for its acknowledgement:\n" + worker.Output);
        if (fault == CommitFault.ServerKilled)
        {
            _server.Kill();
            await _server.RestartAsync(ct);
        }
        else
        {
            await ExecuteAsync(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep' AND query = 'COMMIT'", ct);
        }

        await ExecuteAsync("ALTER SYSTEM RESET synchronous_standby_names", ct);
        await ExecuteAsync("SELECT pg_reload_conf()", ct);

        Assert.True(await state.AllAppliedAndPublishedAsync(Events, Timeout), "the worker did not finish:\n" + worker.Output);
        Assert.False(worker.HasExited, "the worker stopped:\n" + worker.Output);
        await scenario.AssertSameStateAndOutputAsRunWithoutFaultsAsync(state, ct);
    }

    // Unpooled: a pooled connection would outlive the server it was opened to.
    private string AdministrationConnectionString => _server.ConnectionString + ";Pooling=false";

    private CounterWorkerConfig Config(CounterTopics topics) =>
        CounterWorkerConfig.Create(topics) with
        {
            ConnectionString = _server.ConnectionString,
            MaxBatchSize = 100,
            MaxRetryBackoff = TimeSpan.FromSeconds(1),
        };

    /// <summary>Consumer commits (not the relay's single-statement updates) that wait for the absent standby.</summary>
    private async Task<long> CommitsAwaitingAcknowledgementAsync()
    {
        await using var connection = new NpgsqlConnection(AdministrationConnectionString);
        return await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep' AND query = 'COMMIT'");
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(AdministrationConnectionString);
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }
}
