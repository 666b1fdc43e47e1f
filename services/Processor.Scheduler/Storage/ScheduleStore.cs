using Dapper;
using Npgsql;
using Processor.Messaging.Storage;
using Processor.Networks;
using Processor.Scheduling;
using Processor.Networks.Plugins;

namespace Processor.Scheduler.Storage;

/// <summary>
/// Each key's <see cref="KeySchedule"/> as rows (Migrations/0002_schedules.sql): loaded before an acknowledgement is
/// scheduled, changed by the engine's <see cref="ScheduleChange"/> in the same transaction. Writes take the caller's transaction.
/// </summary>
public sealed class ScheduleStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>Records that Serai block <paramref name="seraiBlockNumber"/> is acknowledged; false when it already was.</summary>
    public async Task<bool> MarkAcknowledgedAsync(NpgsqlTransaction transaction, long seraiBlockNumber, int planCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_schema}.acknowledged_blocks (serai_block_number, plan_count) VALUES (@seraiBlockNumber, @planCount) ON CONFLICT DO NOTHING",
            new { seraiBlockNumber, planCount }, transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Whether Serai block <paramref name="seraiBlockNumber"/> was acknowledged already.</summary>
    public Task<bool> IsAcknowledgedAsync(NpgsqlTransaction transaction, long seraiBlockNumber, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {_schema}.acknowledged_blocks WHERE serai_block_number = @seraiBlockNumber)",
            new { seraiBlockNumber }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The schedule of the key of <paramref name="session"/> (<paramref name="networkKey"/>), as stored.</summary>
    public async Task<KeySchedule> LoadAsync(NpgsqlTransaction transaction, int session, byte[] networkKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection!;
        var utxos = await connection.QueryAsync<(byte[] Txid, int Vout, long Amount, byte[] Script, short Kind, byte[] SpendData)>(new CommandDefinition(
            $"SELECT txid, vout, amount, script, kind, spend_data FROM {_schema}.utxos WHERE session = @session ORDER BY txid, vout",
            new { session }, transaction, cancellationToken: cancellationToken));
        var queue = await connection.QueryAsync<PaymentRow>(new CommandDefinition(
            $"""
            SELECT origin, serai_block_number AS seraiblocknumber, payment_index AS paymentindex, destination, script, amount
            FROM {_schema}.payment_queue WHERE session = @session ORDER BY sequence
            """,
            new { session }, transaction, cancellationToken: cancellationToken));
        // Oldest first: Branch outputs of unknown place are matched by amount in this order.
        var branches = await connection.QueryAsync<BranchRow>(new CommandDefinition(
            $"""
            SELECT plan_id AS planid, output_position AS outputposition, txid, vout, amount, arrived, spend_data AS spenddata
            FROM {_schema}.pending_branches WHERE session = @session ORDER BY sequence
            """,
            new { session }, transaction, cancellationToken: cancellationToken));
        var funded = (await connection.QueryAsync<BranchPaymentRow>(new CommandDefinition(
            $"""
            SELECT plan_id AS planid, output_position AS outputposition, origin, serai_block_number AS seraiblocknumber,
                   payment_index AS paymentindex, destination, script, amount
            FROM {_schema}.branch_payments WHERE session = @session ORDER BY plan_id, output_position, position
            """,
            new { session }, transaction, cancellationToken: cancellationToken)))
            .ToLookup(p => (Convert.ToHexString(p.PlanId), p.OutputPosition));
        return new KeySchedule(
            networkKey,
            [.. utxos.Select(u => new PlannedInput(
                new OutputReference(u.Txid, u.Vout), (ulong)u.Amount, u.Script, ContractOutputKinds.FromContract((Contracts.Common.V1.OutputKind)u.Kind))
            {
                SpendData = u.SpendData,
            })],
            [.. queue.Select(p => p.ToPayment())],
            [.. branches.Select(b => new PendingBranch(
                b.PlanId, b.OutputPosition, b.Txid is null ? null : new OutputReference(b.Txid, b.Vout!.Value), (ulong)b.Amount,
                [.. funded[(Convert.ToHexString(b.PlanId), b.OutputPosition)].Select(p => p.ToPayment())], b.Arrived)
            {
                SpendData = b.SpendData,
            })]);
    }

    /// <summary>Writes what scheduling changed in the key's state.</summary>
    public async Task ApplyAsync(NpgsqlTransaction transaction, int session, ScheduleChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(change);
        var connection = transaction.Connection!;
        Task Run(string sql, object parameters) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));

        if (change.UtxosSpent.Count > 0)
        {
            await Run(
                $"""
                DELETE FROM {_schema}.utxos u USING unnest(@txids::bytea[], @vouts::int[]) AS s(txid, vout)
                WHERE u.session = @session AND u.txid = s.txid AND u.vout = s.vout
                """,
                new { session, txids = change.UtxosSpent.Select(o => o.TransactionId).ToArray(), vouts = change.UtxosSpent.Select(o => o.Index).ToArray() });
        }

        if (change.UtxosAdded.Count > 0)
        {
            var added = change.UtxosAdded;
            await Run(
                $"""
                INSERT INTO {_schema}.utxos (session, txid, vout, amount, script, kind, spend_data)
                SELECT @session, * FROM unnest(@txids::bytea[], @vouts::int[], @amounts::bigint[], @scripts::bytea[], @kinds::smallint[],
                                               @spendData::bytea[])
                """,
                new
                {
                    session,
                    txids = added.Select(u => u.Id.TransactionId).ToArray(),
                    vouts = added.Select(u => u.Id.Index).ToArray(),
                    amounts = added.Select(u => checked((long)u.Amount)).ToArray(),
                    scripts = added.Select(u => u.LockingScript).ToArray(),
                    kinds = added.Select(u => (short)ContractOutputKinds.ToContract(u.Kind)).ToArray(),
                    spendData = added.Select(u => u.SpendData).ToArray(),
                });
        }

        if (change.PaymentsDequeued.Count > 0)
        {
            await Run(
                $"""
                DELETE FROM {_schema}.payment_queue q
                USING unnest(@origins::smallint[], @blocks::bigint[], @indexes::int[]) AS d(origin, serai_block_number, payment_index)
                WHERE q.origin = d.origin AND q.serai_block_number = d.serai_block_number AND q.payment_index = d.payment_index
                """,
                PaymentIdColumns(change.PaymentsDequeued));
        }

        if (change.PaymentsEnqueued.Count > 0)
        {
            // In the given order, so the sequence keeps the queue first in first out.
            var columns = new PaymentColumns(change.PaymentsEnqueued);
            await Run(
                $"""
                INSERT INTO {_schema}.payment_queue (session, origin, serai_block_number, payment_index, destination, script, amount)
                SELECT @session, origin, serai_block_number, payment_index, destination, script, amount
                FROM unnest(@Origins::smallint[], @Blocks::bigint[], @Indexes::int[], @Destinations::bytea[], @Scripts::bytea[], @Amounts::bigint[])
                     WITH ORDINALITY AS p(origin, serai_block_number, payment_index, destination, script, amount, ordinal)
                ORDER BY ordinal
                """,
                new { session, columns.Origins, columns.Blocks, columns.Indexes, columns.Destinations, columns.Scripts, columns.Amounts });
        }

        foreach (var removed in change.BranchesRemoved)
        {
            await Run(
                $"DELETE FROM {_schema}.pending_branches WHERE session = @session AND plan_id = @PlanId AND output_position = @Position",
                new { session, removed.PlanId, removed.Position });
        }

        foreach (var arrived in change.BranchesArrived)
        {
            await Run(
                $"""
                UPDATE {_schema}.pending_branches SET arrived = true, txid = @txid, vout = @vout, spend_data = @spendData
                WHERE session = @session AND plan_id = @planId AND output_position = @position
                """,
                new
                {
                    session,
                    planId = arrived.PlanId,
                    position = arrived.Position,
                    txid = arrived.Output!.TransactionId,
                    vout = arrived.Output.Index,
                    spendData = arrived.SpendData,
                });
        }

        // In the given order, so the sequence keeps the branches oldest first.
        foreach (var branch in change.BranchesAdded)
        {
            var columns = new PaymentColumns(branch.Payments);
            await Run(
                $"""
                INSERT INTO {_schema}.pending_branches (session, plan_id, output_position, txid, vout, amount, arrived)
                VALUES (@session, @planId, @position, @txid, @vout, @amount, @arrived);
                INSERT INTO {_schema}.branch_payments
                    (session, plan_id, output_position, position, origin, serai_block_number, payment_index, destination, script, amount)
                SELECT @session, @planId, @position, ordinal - 1, origin, serai_block_number, payment_index, destination, script, amount
                FROM unnest(@Origins::smallint[], @Blocks::bigint[], @Indexes::int[], @Destinations::bytea[], @Scripts::bytea[], @Amounts::bigint[])
                     WITH ORDINALITY AS p(origin, serai_block_number, payment_index, destination, script, amount, ordinal)
                """,
                new
                {
                    session,
                    planId = branch.PlanId,
                    position = branch.Position,
                    txid = branch.Output?.TransactionId,
                    vout = branch.Output?.Index,
                    amount = checked((long)branch.Amount),
                    arrived = branch.Arrived,
                    columns.Origins,
                    columns.Blocks,
                    columns.Indexes,
                    columns.Destinations,
                    columns.Scripts,
                    columns.Amounts,
                });
        }
    }

    /// <summary>Records payments that will never be made.</summary>
    public Task InsertDroppedAsync(
        NpgsqlTransaction transaction, int session, IReadOnlyList<DroppedPayment> dropped, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(dropped);
        return dropped.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {_schema}.dropped_payments (origin, serai_block_number, payment_index, session, destination, amount, reason)
                SELECT origin, serai_block_number, payment_index, @session, destination, amount, reason
                FROM unnest(@origins::smallint[], @blocks::bigint[], @indexes::int[], @destinations::bytea[], @amounts::bigint[], @reasons::text[])
                     AS d(origin, serai_block_number, payment_index, destination, amount, reason)
                """,
                new
                {
                    session,
                    origins = dropped.Select(d => (short)d.Id.Origin).ToArray(),
                    blocks = dropped.Select(d => checked((long)d.Id.SeraiBlockNumber)).ToArray(),
                    indexes = dropped.Select(d => checked((int)d.Id.Index)).ToArray(),
                    destinations = dropped.Select(d => d.Destination).ToArray(),
                    amounts = dropped.Select(d => checked((long)d.Amount)).ToArray(),
                    reasons = dropped.Select(d => ReasonName(d.Reason)).ToArray(),
                },
                transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The payment queue of every key in order (the first <paramref name="limit"/>), for operators.</summary>
    public async Task<IReadOnlyList<QueuedPayment>> QueueAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<QueuedPayment>(new CommandDefinition(
            $"""
            SELECT session, sequence, CASE origin WHEN 1 THEN 'refund' ELSE 'burn' END AS origin, serai_block_number AS seraiblocknumber,
                   payment_index AS paymentindex, destination, amount
            FROM {_schema}.payment_queue ORDER BY session, sequence LIMIT @limit
            """,
            new { limit }, cancellationToken: cancellationToken))).AsList();

    /// <summary>How many payments wait for Branch outputs, per key, for operators.</summary>
    public async Task<IReadOnlyList<(int Session, int Branches, int Payments)>> BranchWaitsAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(int, int, int)>(new CommandDefinition(
            $"""
            SELECT b.session, count(DISTINCT (b.plan_id, b.output_position))::int, count(p.position)::int
            FROM {_schema}.pending_branches b LEFT JOIN {_schema}.branch_payments p USING (session, plan_id, output_position)
            GROUP BY b.session ORDER BY b.session
            """,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>The dropped payments, newest last (the newest <paramref name="limit"/>), for operators.</summary>
    public async Task<IReadOnlyList<DroppedRow>> DroppedAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<DroppedRow>(new CommandDefinition(
            $"""
            SELECT origin, seraiblocknumber, paymentindex, session, destination, amount, reason, droppedat FROM (
                SELECT CASE origin WHEN 1 THEN 'refund' ELSE 'burn' END AS origin, serai_block_number AS seraiblocknumber,
                       payment_index AS paymentindex, session, destination, amount, reason, dropped_at AS droppedat,
                       serai_block_number AS block, origin AS origin_order
                FROM {_schema}.dropped_payments ORDER BY dropped_at DESC, serai_block_number DESC LIMIT @limit) newest
            ORDER BY droppedat, block, origin_order, paymentindex
            """,
            new { limit }, cancellationToken: cancellationToken))).AsList();

    /// <summary>The reason as stored (and shown by processorctl).</summary>
    public static string ReasonName(DropReason reason) => reason switch
    {
        DropReason.Dust => "dust",
        DropReason.InvalidAddress => "invalid address",
        DropReason.UnsupportedCoin => "unsupported coin",
        _ => throw new ArgumentOutOfRangeException(nameof(reason), reason, "Not a drop reason."),
    };

    private static object PaymentIdColumns(IReadOnlyList<PaymentId> ids) => new
    {
        origins = ids.Select(i => (short)i.Origin).ToArray(),
        blocks = ids.Select(i => checked((long)i.SeraiBlockNumber)).ToArray(),
        indexes = ids.Select(i => checked((int)i.Index)).ToArray(),
    };

    /// <summary>Payments as the column arrays an <c>unnest</c> insert takes.</summary>
    private sealed class PaymentColumns(IReadOnlyList<Payment> payments)
    {
        public short[] Origins { get; } = [.. payments.Select(p => (short)p.Id.Origin)];

        public long[] Blocks { get; } = [.. payments.Select(p => checked((long)p.Id.SeraiBlockNumber))];

        public int[] Indexes { get; } = [.. payments.Select(p => checked((int)p.Id.Index))];

        public byte[][] Destinations { get; } = [.. payments.Select(p => p.Destination)];

        public byte[][] Scripts { get; } = [.. payments.Select(p => p.Script)];

        public long[] Amounts { get; } = [.. payments.Select(p => checked((long)p.Amount))];
    }

    private record PaymentRow(short Origin, long SeraiBlockNumber, int PaymentIndex, byte[] Destination, byte[] Script, long Amount)
    {
        public Payment ToPayment() =>
            new(new PaymentId((PaymentOrigin)Origin, (ulong)SeraiBlockNumber, (uint)PaymentIndex), Destination, Script, (ulong)Amount);
    }

    private sealed record BranchRow(byte[] PlanId, int OutputPosition, byte[]? Txid, int? Vout, long Amount, bool Arrived, byte[] SpendData);

    private sealed record BranchPaymentRow(
        byte[] PlanId, int OutputPosition, short Origin, long SeraiBlockNumber, int PaymentIndex, byte[] Destination, byte[] Script, long Amount)
        : PaymentRow(Origin, SeraiBlockNumber, PaymentIndex, Destination, Script, Amount);
}

/// <summary>A payment waiting in a key's queue, as <c>processorctl queue</c> lists it.</summary>
public sealed record QueuedPayment(int Session, long Sequence, string Origin, long SeraiBlockNumber, int PaymentIndex, byte[] Destination, long Amount);

/// <summary>A dropped payment, as <c>processorctl dropped</c> lists it.</summary>
public sealed record DroppedRow(
    string Origin, long SeraiBlockNumber, int PaymentIndex, int Session, byte[] Destination, long Amount, string Reason, DateTime DroppedAt);
