using Dapper;
using Npgsql;
using Processor.Messaging.Storage;
using Processor.Networks;

namespace Processor.Scanner.Storage;

/// <summary>SQL over the scanner's own tables (see Migrations/). Writes take the caller's transaction.</summary>
public sealed class ScannerStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>Creates the progress row at <paramref name="startHeight"/> if there is none (a new schema, or a replay wiped it).</summary>
    public Task InitializeAsync(NpgsqlConnection connection, long startHeight, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_schema}.scan_progress (next_height) VALUES (@startHeight) ON CONFLICT DO NOTHING",
            new { startHeight }, cancellationToken: cancellationToken));

    public Task<ScanProgress> ReadProgressAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleAsync<ScanProgress>(new CommandDefinition(
            $"SELECT next_height AS nextheight, halted_reason AS haltedreason FROM {_schema}.scan_progress",
            cancellationToken: cancellationToken));

    /// <summary>
    /// Reads the progress and locks it until the transaction ends: one writer at a time. Null when there is none (a replay
    /// with <c>--wipe-state</c> truncated it; the next poll creates it again).
    /// </summary>
    public Task<ScanProgress?> LockProgressAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<ScanProgress?>(new CommandDefinition(
            $"SELECT next_height AS nextheight, halted_reason AS haltedreason FROM {_schema}.scan_progress FOR UPDATE",
            transaction: transaction, cancellationToken: cancellationToken));

    public Task AdvanceAsync(NpgsqlTransaction transaction, long nextHeight, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.scan_progress SET next_height = @nextHeight, updated_at = now()",
            new { nextHeight }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The operator's action after a safe halt: lifts it. Returns the progress as it was (height, and why it was halted), or
    /// null when scanning was not halted. The running scanner goes on at its next poll.
    /// </summary>
    public Task<ScanProgress?> ResumeAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.QuerySingleOrDefaultAsync<ScanProgress?>(new CommandDefinition(
            $"""
            WITH before AS (SELECT halted_reason FROM {_schema}.scan_progress WHERE halted_reason IS NOT NULL FOR UPDATE)
            UPDATE {_schema}.scan_progress p SET halted_reason = NULL, halted_at = NULL, updated_at = now()
            FROM before RETURNING p.next_height AS nextheight, before.halted_reason AS haltedreason
            """, cancellationToken: cancellationToken));

    public Task HaltAsync(NpgsqlTransaction transaction, string reason, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.scan_progress SET halted_reason = @reason, halted_at = now(), updated_at = now()",
            new { reason }, transaction, cancellationToken: cancellationToken));

    /// <summary>The indexed blocks from the highest down (at most <paramref name="limit"/>).</summary>
    public async Task<IReadOnlyList<IndexedBlock>> HighestBlocksAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<IndexedBlock>(new CommandDefinition(
            $"SELECT height, hash FROM {_schema}.blocks ORDER BY height DESC LIMIT @limit",
            new { limit }, cancellationToken: cancellationToken))).AsList();

    /// <summary>The indexed block at <paramref name="height"/>, or null.</summary>
    public async Task<ChainBlock?> BlockAtAsync(NpgsqlConnection connection, long height, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Height, byte[] Id, byte[] ParentId, DateTime Time, DateTime MonotonicTime)?>(
            new CommandDefinition(
                $"SELECT height, hash, parent_hash, time, median_time FROM {_schema}.blocks WHERE height = @height",
                new { height }, cancellationToken: cancellationToken));
        return row is { } r
            ? new ChainBlock(r.Height, r.Id, r.ParentId, new DateTimeOffset(r.Time, TimeSpan.Zero), new DateTimeOffset(r.MonotonicTime, TimeSpan.Zero))
            : null;
    }

    /// <summary>
    /// Where an already indexed stretch activates a key: the first indexed block at or above <paramref name="requestedHeight"/>
    /// when one is named, else the first whose monotonic time is at or after <paramref name="activationTime"/>; null when the
    /// index does not reach it yet.
    /// </summary>
    public Task<long?> IndexedActivationHeightAsync(
        NpgsqlTransaction transaction, DateTimeOffset activationTime, long? requestedHeight, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            requestedHeight is null
                ? $"SELECT min(height) FROM {_schema}.blocks WHERE median_time >= @activationTime"
                : $"SELECT min(height) FROM {_schema}.blocks WHERE height >= @requestedHeight",
            new { activationTime, requestedHeight }, transaction, cancellationToken: cancellationToken));

    public Task<byte[]?> BlockHashAtAsync(NpgsqlTransaction transaction, long height, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<byte[]?>(new CommandDefinition(
            $"SELECT hash FROM {_schema}.blocks WHERE height = @height", new { height }, transaction, cancellationToken: cancellationToken));

    /// <summary>The indexed blocks' hashes from <paramref name="fromHeight"/> to <paramref name="toHeight"/>, by height.</summary>
    public async Task<IReadOnlyDictionary<long, byte[]>> BlockHashesAsync(
        NpgsqlTransaction transaction, long fromHeight, long toHeight, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<(long Height, byte[] Hash)>(new CommandDefinition(
            $"SELECT height, hash FROM {_schema}.blocks WHERE height BETWEEN @fromHeight AND @toHeight",
            new { fromHeight, toHeight }, transaction, cancellationToken: cancellationToken)))
        .ToDictionary(b => b.Height, b => b.Hash);

    public Task InsertBlockAsync(
        NpgsqlTransaction transaction, long height, byte[] hash, byte[] parentHash, DateTimeOffset time, DateTimeOffset medianTime,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.blocks (height, hash, parent_hash, time, median_time)
            VALUES (@height, @hash, @parentHash, @time, @medianTime)
            """,
            new { height, hash, parentHash, time, medianTime }, transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<KeyRow>> KeysAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<KeyRow>(new CommandDefinition(
            $"""
            SELECT session, substrate_key AS substratekey, network_key AS networkkey, activation_time AS activationtime,
                   requested_height AS requestedheight, activation_height AS activationheight, catch_up_height AS catchupheight
            FROM {_schema}.keys ORDER BY session
            """,
            transaction: transaction, cancellationToken: cancellationToken))).AsList();

    public Task ActivateKeysAsync(NpgsqlTransaction transaction, IReadOnlyList<int> sessions, long height, CancellationToken cancellationToken) =>
        sessions.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"UPDATE {_schema}.keys SET activation_height = @height WHERE session = ANY(@sessions)",
                new { height, sessions = sessions.ToArray() }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Records a key from the signer; a key already known keeps its first record (redelivery, replay). A key whose activation
    /// block is already indexed comes with that height, and catches up from there.
    /// </summary>
    public Task InsertKeyAsync(
        NpgsqlTransaction transaction, KeyRow key, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.keys (session, substrate_key, network_key, activation_time, requested_height, activation_height, catch_up_height)
            VALUES (@Session, @SubstrateKey, @NetworkKey, @ActivationTime, @RequestedHeight, @ActivationHeight, @CatchUpHeight)
            ON CONFLICT (session) DO NOTHING
            """,
            key, transaction, cancellationToken: cancellationToken));

    /// <summary>Moves a key's catch-up on to <paramref name="nextHeight"/> (null: it is in step with the main scan).</summary>
    public Task SetCatchUpAsync(NpgsqlTransaction transaction, int session, long? nextHeight, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.keys SET catch_up_height = @nextHeight WHERE session = @session",
            new { session, nextHeight }, transaction, cancellationToken: cancellationToken));

    public Task InsertOutputsAsync(NpgsqlTransaction transaction, IReadOnlyList<OutputRow> outputs, CancellationToken cancellationToken) =>
        outputs.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {_schema}.outputs (txid, vout, height, session, kind, amount, script, instruction, origin, coin, spend_data)
                SELECT * FROM unnest(@txids::bytea[], @vouts::int[], @heights::bigint[], @sessions::int[], @kinds::smallint[],
                                     @amounts::bigint[], @scripts::bytea[], @instructions::bytea[], @origins::bytea[],
                                     @coins::int[], @spendData::bytea[])
                """,
                new
                {
                    txids = outputs.Select(o => o.Txid).ToArray(),
                    vouts = outputs.Select(o => o.Vout).ToArray(),
                    heights = outputs.Select(o => o.Height).ToArray(),
                    sessions = outputs.Select(o => o.Session).ToArray(),
                    kinds = outputs.Select(o => o.Kind).ToArray(),
                    amounts = outputs.Select(o => o.Amount).ToArray(),
                    scripts = outputs.Select(o => o.Script).ToArray(),
                    instructions = outputs.Select(o => o.Instruction).ToArray(),
                    origins = outputs.Select(o => o.Origin).ToArray(),
                    coins = outputs.Select(o => o.Coin).ToArray(),
                    spendData = outputs.Select(o => o.SpendData).ToArray(),
                },
                transaction, cancellationToken: cancellationToken));

    /// <summary>The (txid, vout) of every output found at or above <paramref name="height"/>.</summary>
    public async Task<IReadOnlyList<(byte[] Txid, int Vout)>> OutputsFromAsync(
        NpgsqlTransaction transaction, long height, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<(byte[], int)>(new CommandDefinition(
            $"SELECT txid, vout FROM {_schema}.outputs WHERE height >= @height ORDER BY height, txid, vout",
            new { height }, transaction, cancellationToken: cancellationToken))).AsList();

    /// <summary>
    /// The next height to scan, locked against a scan until the transaction ends (a scan holds it for update): whatever is
    /// registered here is either seen by the next block's scan or was registered after every block below this height was
    /// scanned. Null when there is no progress yet (a new or wiped index scans everything anew).
    /// </summary>
    public Task<long?> LockNextHeightForShareAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
            $"SELECT next_height FROM {_schema}.scan_progress FOR SHARE", transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>The height of the newest of <paramref name="outputs"/> this scanner found; null when it found none of them.</summary>
    public Task<long?> NewestOutputHeightAsync(
        NpgsqlTransaction transaction, IReadOnlyList<(byte[] Txid, int Vout)> outputs, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleAsync<long?>(new CommandDefinition(
            $"""
            SELECT max(o.height) FROM {_schema}.outputs o
            JOIN unnest(@txids, @vouts) AS spent (txid, vout) ON o.txid = spent.txid AND o.vout = spent.vout
            """,
            new { txids = outputs.Select(o => o.Txid).ToArray(), vouts = outputs.Select(o => o.Vout).ToArray() },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Registers a plan's eventuality, with the already scanned blocks to look through for it (<paramref name="lookBack"/>);
    /// a plan already registered is kept as it was.
    /// </summary>
    public Task InsertEventualityAsync(
        NpgsqlTransaction transaction, byte[] planId, int session, byte[] eventuality, HeightRange? lookBack, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.eventualities (plan_id, session, eventuality, look_back_from, look_back_to)
            VALUES (@planId, @session, @eventuality, @from, @to) ON CONFLICT DO NOTHING
            """,
            new { planId, session, eventuality, from = lookBack?.From, to = lookBack?.To }, transaction, cancellationToken: cancellationToken));

    /// <summary>Open eventualities with scanned blocks still to look through for them.</summary>
    public async Task<IReadOnlyList<PendingLookBack>> PendingLookBacksAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<PendingLookBack>(new CommandDefinition(
            $"""
            SELECT plan_id AS planid, session, eventuality, look_back_from AS fromheight, look_back_to AS toheight
            FROM {_schema}.eventualities WHERE completed_height IS NULL AND look_back_to IS NOT NULL ORDER BY plan_id
            """,
            cancellationToken: cancellationToken))).AsList();

    /// <summary>Marks the look-back of <paramref name="planIds"/> done (the blocks were looked through, whatever was found).</summary>
    public Task FinishLookBacksAsync(NpgsqlTransaction transaction, IReadOnlyList<byte[]> planIds, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.eventualities SET look_back_from = NULL, look_back_to = NULL WHERE plan_id = ANY(@planIds)",
            new { planIds = planIds.ToArray() }, transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<OpenEventuality>> OpenEventualitiesAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<OpenEventuality>(new CommandDefinition(
            $"SELECT plan_id AS planid, session, eventuality FROM {_schema}.eventualities WHERE completed_height IS NULL ORDER BY plan_id",
            transaction: transaction, cancellationToken: cancellationToken))).AsList();

    public Task CompleteEventualitiesAsync(
        NpgsqlTransaction transaction, IReadOnlyList<byte[]> planIds, long height, CancellationToken cancellationToken) =>
        planIds.Count == 0
            ? Task.CompletedTask
            : transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"UPDATE {_schema}.eventualities SET completed_height = @height WHERE plan_id = ANY(@planIds) AND completed_height IS NULL",
                new { height, planIds = planIds.ToArray() }, transaction, cancellationToken: cancellationToken));
}
