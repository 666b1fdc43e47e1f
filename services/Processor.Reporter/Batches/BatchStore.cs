using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Reporter.Batches;

/// <summary>The reporter's single progress row.</summary>
/// <param name="SettledHeight">Every block up to here has its Batches (null before the first scanned block).</param>
/// <param name="NextBatchId">The id the next Batch gets.</param>
/// <param name="LastSeraiBlock">The last SubstrateBlock acknowledged (null before the first).</param>
/// <param name="AcknowledgedHeight">The last external block whose outputs went to the scheduler (null before the first).</param>
public sealed record ReporterProgress(long? SettledHeight, long NextBatchId, long? LastSeraiBlock, long? AcknowledgedHeight);

/// <summary>A Batch as stored: the contract Batch as emitted (Protobuf bytes) and its signature once signed.</summary>
public sealed record StoredBatch(long Id, long Height, byte[] BlockHash, int Session, int InstructionCount, byte[] Batch, byte[]? Signature);

/// <summary>SQL over the progress row, the Batches and the rejected instructions. Writes take the caller's transaction.</summary>
public sealed class BatchStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>
    /// The progress row, locked until the transaction ends: every handler that moves it serializes here. A wipe (replay)
    /// removes it; it starts again from nothing.
    /// </summary>
    public Task<ReporterProgress> LockProgressAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleAsync<ReporterProgress>(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.progress DEFAULT VALUES ON CONFLICT DO NOTHING;
            SELECT settled_height AS settledheight, next_batch_id AS nextbatchid, last_serai_block AS lastseraiblock,
                   acknowledged_height AS acknowledgedheight
            FROM {_schema}.progress FOR UPDATE
            """,
            transaction: transaction, cancellationToken: cancellationToken));

    public Task SaveProgressAsync(NpgsqlTransaction transaction, ReporterProgress progress, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            UPDATE {_schema}.progress SET settled_height = @SettledHeight, next_batch_id = @NextBatchId,
                last_serai_block = @LastSeraiBlock, acknowledged_height = @AcknowledgedHeight
            """,
            progress, transaction, cancellationToken: cancellationToken));

    public Task InsertBatchAsync(NpgsqlTransaction transaction, StoredBatch batch, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.batches (id, height, block_hash, session, instruction_count, batch)
            VALUES (@Id, @Height, @BlockHash, @Session, @InstructionCount, @Batch)
            """,
            batch, transaction, cancellationToken: cancellationToken));

    public Task<bool> AnyBatchFromAsync(NpgsqlTransaction transaction, long height, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {_schema}.batches WHERE height >= @height)", new { height }, transaction, cancellationToken: cancellationToken));

    /// <summary>The Batch with <paramref name="id"/>, locked until the transaction ends; null when none was built.</summary>
    public Task<StoredBatch?> LockBatchAsync(NpgsqlTransaction transaction, long id, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<StoredBatch?>(new CommandDefinition(
            $"""
            SELECT id, height, block_hash AS blockhash, session, instruction_count AS instructioncount, batch, signature
            FROM {_schema}.batches WHERE id = @id FOR UPDATE
            """,
            new { id }, transaction, cancellationToken: cancellationToken));

    public Task SaveSignatureAsync(NpgsqlTransaction transaction, long id, byte[] signature, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.batches SET signature = @signature WHERE id = @id",
            new { id, signature }, transaction, cancellationToken: cancellationToken));

    public Task MarkAcknowledgedAsync(NpgsqlTransaction transaction, IReadOnlyList<long> ids, long seraiBlock, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE {_schema}.batches SET acknowledged_in = @seraiBlock WHERE id = ANY(@ids) AND acknowledged_in IS NULL",
            new { ids = ids.ToArray(), seraiBlock }, transaction, cancellationToken: cancellationToken));

    public async Task InsertRejectedAsync(
        NpgsqlTransaction transaction, long height, IReadOnlyList<RejectedInstruction> rejected, CancellationToken cancellationToken)
    {
        foreach (var r in rejected)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO {_schema}.rejected_instructions (txid, vout, height, reason, detail, refund_destination)
                VALUES (@txid, @vout, @height, @reason, @detail, @destination)
                """,
                new { txid = r.Output.Txid, vout = r.Output.Vout, height, reason = (short)r.Reason, detail = r.Detail, destination = r.RefundDestination },
                transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>The refunds of the blocks in (<paramref name="above"/>, <paramref name="upTo"/>]: rejected outputs with a destination, by height then output id.</summary>
    public async Task<IReadOnlyList<(byte[] Txid, int Vout, short Coin, long Amount, byte[] Destination)>> RefundsAsync(
        NpgsqlTransaction transaction, long above, long upTo, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<(byte[], int, short, long, byte[])>(new CommandDefinition(
            $"""
            SELECT r.txid, r.vout, o.coin, o.amount, r.refund_destination
            FROM {_schema}.rejected_instructions r JOIN {_schema}.outputs o USING (txid, vout)
            WHERE r.height > @above AND r.height <= @upTo AND length(r.refund_destination) > 0
            ORDER BY r.height, r.txid, r.vout
            """,
            new { above, upTo }, transaction, cancellationToken: cancellationToken))];
}
