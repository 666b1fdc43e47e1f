using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Processor.Messaging.Storage;
using Processor.Networks;
using Processor.Scheduler.Storage;
using Processor.Scheduling;
using Processor.Testing;

namespace Processor.Scheduler.Tests;

/// <summary>
/// Pending branches are stored by (plan id, position), oldest first, with their place when known: a Monero branch of unknown
/// place survives the round trip and gets its place when it arrives, and Bitcoin rows stored before the migration keep working.
/// </summary>
public sealed class PendingBranchStorageTests
{
    private const int Session = 1;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task BranchesOfUnknownPlace_LoadOldestFirst_GetThePlaceTheyArriveAt_AndLeaveWithTheirPayments()
    {
        await using var schema = await SchemaAsync(migrateFully: true);
        var store = new ScheduleStore(new MessagingTables(schema.Name));
        var older = Branch(planId: 9, position: 0, output: null, payments: 2);
        var younger = Branch(planId: 1, position: 3, output: null, payments: 1);
        var arrivedAt = new OutputReference([.. Enumerable.Repeat((byte)0xaa, 32)], 5);

        await schema.InTransactionAsync(t => store.ApplyAsync(t, Session, Change(added: [older, younger]), Cancel));
        var stored = await schema.InTransactionAsync(t => store.LoadAsync(t, Session, [], Cancel));
        var arrived = stored.Branches[1] with { Output = arrivedAt, Arrived = true, SpendData = [1, 2, 3] };
        await schema.InTransactionAsync(t => store.ApplyAsync(t, Session, Change(arrived: [arrived], removed: [stored.Branches[0]]), Cancel));
        var after = await schema.InTransactionAsync(t => store.LoadAsync(t, Session, [], Cancel));

        Assert.Equal([older.PlanId, younger.PlanId], stored.Branches.Select(b => b.PlanId));
        Assert.Equal([0, 3], stored.Branches.Select(b => b.Position));
        Assert.All(stored.Branches, b => Assert.Null(b.Output));
        Assert.Equal(older.Payments.Select(p => p.Id), stored.Branches[0].Payments.Select(p => p.Id));
        var left = Assert.Single(after.Branches);
        Assert.True(left.IsSameBranch(younger));
        Assert.True(left.Arrived);
        Assert.Equal(arrivedAt.TransactionId, left.Output!.TransactionId);
        Assert.Equal(5, left.Output.Index);
        Assert.Equal([1, 2, 3], left.SpendData);
        Assert.Equal(younger.Payments.Select(p => p.Id), left.Payments.Select(p => p.Id));
        Assert.Equal(1, await schema.CountAsync("branch_payments"));
    }

    [Fact]
    public async Task BitcoinBranchStoredBeforeTheMigration_LoadsWithItsPlanAndPlace_AndThePlanKeepsItsTxidAsEventuality()
    {
        await using var schema = await SchemaAsync(migrateFully: false);
        byte[] planId = [.. Enumerable.Repeat((byte)7, 32)];
        byte[] txid = [.. Enumerable.Repeat((byte)8, 32)];
        await schema.ExecuteAsync(
            """
            INSERT INTO {schema}.plans (plan_id, session, serai_block_number, txid, input_count, input_amount, payment_count, payment_amount,
                                        fee, fee_rate, plan_created, state)
            VALUES (@planId, 1, 1, @txid, 1, 100, 2, 90, 10, 1, '\x00', 'created');
            INSERT INTO {schema}.pending_branches (session, txid, vout, amount, arrived) VALUES (1, @txid, 0, 40, false);
            INSERT INTO {schema}.branch_payments (session, txid, vout, position, origin, serai_block_number, payment_index, destination, script, amount)
            VALUES (1, @txid, 0, 0, 0, 1, 4, '\x01', '\x02', 45);
            """,
            new { planId, txid });

        await schema.MigrateAsync();
        var store = new ScheduleStore(new MessagingTables(schema.Name));
        var loaded = await schema.InTransactionAsync(t => store.LoadAsync(t, Session, [], Cancel));

        var branch = Assert.Single(loaded.Branches);
        Assert.Equal(planId, branch.PlanId);
        Assert.Equal(0, branch.Position);
        Assert.Equal(txid, branch.Output!.TransactionId);
        Assert.Equal(0, branch.Output.Index);
        Assert.Equal(new PaymentId(PaymentOrigin.Burn, 1, 4), Assert.Single(branch.Payments).Id);
        Assert.Equal(txid, await schema.QueryAsync<byte[]>("SELECT eventuality FROM {schema}.plans"));
        await schema.InTransactionAsync(t => store.ApplyAsync(t, Session, Change(removed: [branch]), Cancel));
        Assert.Equal(0, await schema.CountAsync("branch_payments"));
    }

    private static PendingBranch Branch(byte planId, int position, OutputReference? output, int payments) => new(
        [.. Enumerable.Repeat(planId, 32)],
        position,
        output,
        50_000,
        [.. Enumerable.Range(0, payments).Select(i => new Payment(new PaymentId(PaymentOrigin.Burn, planId, (uint)i), [1], [2], 25_000))],
        Arrived: false);

    private static ScheduleChange Change(
        IReadOnlyList<PendingBranch>? added = null, IReadOnlyList<PendingBranch>? arrived = null, IReadOnlyList<PendingBranch>? removed = null) =>
        new([], [], [], [], added ?? [], arrived ?? [], removed ?? []);

    /// <summary>
    /// A fresh schema with the scheduler's migrations: all of them, or (to play an upgrade) those before pending branches
    /// were keyed by plan, marked applied so that <see cref="TestSchema.MigrateAsync"/> applies the rest.
    /// </summary>
    private static async Task<TestSchema> SchemaAsync(bool migrateFully)
    {
        var schema = new TestSchema(PostgresServer.CreateSchemaName("branches"));
        if (migrateFully)
        {
            await schema.MigrateAsync();
            return schema;
        }

        var assembly = typeof(SchedulerRegistration).Assembly;
        await schema.ExecuteAsync(
            "CREATE SCHEMA {schema}; CREATE TABLE {schema}.schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());");
        foreach (var file in new[] { "0001_plans", "0002_schedules", "0003_spend_data" })
        {
            var resource = assembly.GetManifestResourceNames().Single(n => n.EndsWith($".Migrations.{file}.sql", StringComparison.Ordinal));
            await using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            await schema.ExecuteAsync(await reader.ReadToEndAsync(Cancel));
            await schema.ExecuteAsync("INSERT INTO {schema}.schema_migrations (id) VALUES (@id)", new { id = $"{assembly.GetName().Name}/{file}" });
        }

        return schema;
    }

    /// <summary>A schema of the test server, dropped on dispose.</summary>
    private sealed class TestSchema(string name) : IAsyncDisposable
    {
        private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(PostgresServer.ConnectionString);

        public string Name { get; } = name;

        public Task MigrateAsync() =>
            new SchemaMigrator(_dataSource, NullLogger<SchemaMigrator>.Instance).MigrateAsync(Name, [typeof(SchedulerRegistration).Assembly], Cancel);

        public async Task ExecuteAsync(string sql, object? parameters = null)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(Cancel);
            await connection.ExecuteAsync(new CommandDefinition(Sql(sql), parameters, cancellationToken: Cancel));
        }

        public async Task<T> QueryAsync<T>(string sql)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(Cancel);
            return await connection.QuerySingleAsync<T>(new CommandDefinition(Sql(sql), cancellationToken: Cancel));
        }

        public Task<long> CountAsync(string table) => QueryAsync<long>($"SELECT count(*) FROM {{schema}}.{table}");

        public async Task InTransactionAsync(Func<NpgsqlTransaction, Task> work) => await InTransactionAsync(async t =>
        {
            await work(t);
            return true;
        });

        public async Task<T> InTransactionAsync<T>(Func<NpgsqlTransaction, Task<T>> work)
        {
            await using var connection = await _dataSource.OpenConnectionAsync(Cancel);
            await using var transaction = await connection.BeginTransactionAsync(Cancel);
            var result = await work(transaction);
            await transaction.CommitAsync(Cancel);
            return result;
        }

        public async ValueTask DisposeAsync()
        {
            await ExecuteAsync("DROP SCHEMA IF EXISTS {schema} CASCADE");
            await _dataSource.DisposeAsync();
        }

        private string Sql(string sql) => sql.Replace("{schema}", Name, StringComparison.Ordinal);
    }
}
