using Dapper;
using Google.Protobuf;
using Npgsql;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Storage;

namespace Processor.Scheduler.Storage;

/// <summary>SQL over the scheduler's plans and signed transactions (Migrations/0001_plans.sql). Writes take the caller's transaction.</summary>
public sealed class PlanStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>
    /// Stores a new plan exactly as <paramref name="plan"/> announces it, with its transaction's id when known before
    /// signing (<paramref name="txid"/>; else it is stored once signed).
    /// </summary>
    public Task InsertAsync(NpgsqlTransaction transaction, PlanCreated plan, byte[]? txid, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(plan);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.plans (plan_id, session, serai_block_number, eventuality, txid, input_count, input_amount, payment_count,
                                         payment_amount, change_amount, fee, fee_rate, plan_created, state)
            VALUES (@planId, @session, @seraiBlockNumber, @eventuality, @txid, @inputCount, @inputAmount, @paymentCount, @paymentAmount,
                    @changeAmount, @fee, @feeRate, @planCreated, 'created')
            """,
            new
            {
                planId = plan.PlanId.ToByteArray(),
                session = (int)plan.Session,
                seraiBlockNumber = checked((long)plan.SeraiBlockNumber),
                eventuality = plan.EventualityTxid.ToByteArray(),
                txid,
                inputCount = plan.Inputs.Count,
                inputAmount = checked((long)plan.Inputs.Aggregate(0UL, (sum, i) => checked(sum + i.Amount))),
                paymentCount = plan.Payments.Count,
                paymentAmount = checked((long)plan.Payments.Aggregate(0UL, (sum, p) => checked(sum + p.Amount))),
                changeAmount = plan.Change is null ? (long?)null : checked((long)plan.Change.Amount),
                fee = checked((long)plan.Fee),
                feeRate = checked((long)plan.FeeRate),
                planCreated = plan.ToByteArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The plan <paramref name="planId"/>, locked until the transaction ends; null when there is none.</summary>
    public async Task<PlanRecord?> LockAsync(NpgsqlTransaction transaction, byte[] planId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<(byte[] PlanId, int Session, byte[] Eventuality, string State)?>(
            new CommandDefinition(
                $"SELECT plan_id, session, eventuality, state FROM {_schema}.plans WHERE plan_id = @planId FOR UPDATE",
                new { planId }, transaction, cancellationToken: cancellationToken));
        return row is { } r ? new PlanRecord(r.PlanId, r.Session, r.Eventuality, ProgressOf(r.State)) : null;
    }

    /// <summary>
    /// Stores a plan's signed transaction (the first copy; a re-signed Bitcoin one has the same txid, a Monero one signed by
    /// other signers another, but the first stays the one broadcast) and its id as the plan's. A plan still created becomes
    /// signed and due for broadcast at once; a completed one (its block was read before its signature, as in a rebuild) stays completed.
    /// </summary>
    public async Task SaveSignedAsync(
        NpgsqlTransaction transaction, byte[] planId, byte[] txid, byte[] signedTransaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.signed_transactions (plan_id, txid, transaction) VALUES (@planId, @txid, @signedTransaction)
            ON CONFLICT (plan_id) DO NOTHING;
            UPDATE {_schema}.plans SET txid = coalesce(txid, @txid) WHERE plan_id = @planId;
            UPDATE {_schema}.plans SET state = 'signed', signed_at = @now, next_broadcast_at = @now WHERE plan_id = @planId AND state = 'created';
            """,
            new { planId, txid, signedTransaction, now }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Signed transactions of plans not completed whose (re)broadcast is due at <paramref name="now"/>, oldest plan first.</summary>
    public async Task<IReadOnlyList<DueBroadcast>> DueAsync(
        NpgsqlConnection connection, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(byte[] PlanId, int Session, byte[] Txid, string State, byte[] Transaction)>(new CommandDefinition(
            $"""
            SELECT p.plan_id, p.session, s.txid, p.state, s.transaction
            FROM {_schema}.plans p JOIN {_schema}.signed_transactions s USING (plan_id)
            WHERE p.next_broadcast_at <= @now AND p.state IN ('signed', 'published')
            ORDER BY p.sequence LIMIT @limit
            """,
            new { now, limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new DueBroadcast(r.PlanId, r.Session, r.Txid, ProgressOf(r.State), r.Transaction))];
    }

    /// <summary>
    /// Records a broadcast the node accepted; the next one is due at <paramref name="next"/>. Returns true when this was the
    /// plan's first (signed → published), false for a re-broadcast or a plan completed meanwhile (left as it is).
    /// </summary>
    public async Task<bool> RecordBroadcastAsync(
        NpgsqlTransaction transaction, byte[] planId, DateTimeOffset now, DateTimeOffset next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var before = await transaction.Connection!.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            $"""
            WITH before AS (SELECT plan_id, state FROM {_schema}.plans WHERE plan_id = @planId AND state IN ('signed', 'published') FOR UPDATE)
            UPDATE {_schema}.plans p
            SET state = 'published', published_at = coalesce(p.published_at, @now), next_broadcast_at = @next,
                broadcasts = p.broadcasts + 1, last_publish_error = NULL
            FROM before WHERE p.plan_id = before.plan_id
            RETURNING before.state
            """,
            new { planId, now, next }, transaction, cancellationToken: cancellationToken));
        return before == "signed";
    }

    /// <summary>Records why the node refused a broadcast; it is tried again at <paramref name="next"/>.</summary>
    public Task RecordRefusalAsync(NpgsqlConnection connection, byte[] planId, string error, DateTimeOffset next, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {_schema}.plans SET last_publish_error = @error, next_broadcast_at = @next
            WHERE plan_id = @planId AND state IN ('signed', 'published')
            """,
            new { planId, error, next }, cancellationToken: cancellationToken));

    /// <summary>Marks a plan completed by <paramref name="txid"/> in the finalized block at <paramref name="height"/>; no more broadcasts.</summary>
    public Task CompleteAsync(
        NpgsqlTransaction transaction, byte[] planId, long height, byte[] block, byte[] txid, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {_schema}.plans
            SET state = 'completed', completed_at = @now, completed_height = @height, completed_block = @block, completing_txid = @txid,
                next_broadcast_at = NULL
            WHERE plan_id = @planId
            """,
            new { planId, height, block, txid, now }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Every plan in creation order (the newest <paramref name="limit"/>), for operators.</summary>
    public async Task<IReadOnlyList<PlanSummary>> ListAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<PlanSummary>(new CommandDefinition(
            $"""
            SELECT planid, session, seraiblocknumber, txid, inputcount, inputamount, paymentcount, paymentamount, changeamount, fee,
                   state, createdat, broadcasts, lastpublisherror, completedheight
            FROM (
                SELECT plan_id AS planid, session, serai_block_number AS seraiblocknumber, txid, input_count AS inputcount,
                       input_amount AS inputamount, payment_count AS paymentcount, payment_amount AS paymentamount,
                       change_amount AS changeamount, fee, state, created_at AS createdat, broadcasts,
                       last_publish_error AS lastpublisherror, completed_height AS completedheight, sequence
                FROM {_schema}.plans ORDER BY sequence DESC LIMIT @limit) newest
            ORDER BY sequence
            """,
            new { limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static PlanProgress ProgressOf(string state) => state switch
    {
        "created" => PlanProgress.Created,
        "signed" => PlanProgress.ReadyToPublish,
        "published" => PlanProgress.Published,
        "completed" => PlanProgress.Completed,
        _ => throw new InvalidOperationException($"Unknown plan state '{state}' in the plans table."),
    };
}
