using Dapper;
using Npgsql;
using Processor.Messaging.Storage;

namespace Processor.Reporter;

/// <summary>SQL over what the reporter keeps of the scanner's parts: blocks, activated keys, key parts and outputs.</summary>
public sealed class ScannedStore(MessagingTables tables)
{
    private readonly string _schema = tables.Schema;

    /// <summary>Records a block from one of its own parts; later parts of the same block change nothing.</summary>
    public Task InsertBlockAsync(NpgsqlTransaction transaction, ScannedBlockRow block, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {_schema}.blocks (height, network, hash, median_time) VALUES (@Height, @Network, @Hash, @MedianTime) ON CONFLICT (height) DO NOTHING",
            block, transaction, cancellationToken: cancellationToken));

    public Task<long?> HighestBlockAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT max(height) FROM {_schema}.blocks", transaction: transaction, cancellationToken: cancellationToken));

    /// <summary>The lowest block received: the scanner's first (its own parts come in height order without gaps).</summary>
    public Task<long> LowestBlockAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT min(height) FROM {_schema}.blocks", transaction: transaction, cancellationToken: cancellationToken));

    public Task<ScannedBlockRow?> BlockAtAsync(NpgsqlTransaction transaction, long height, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<ScannedBlockRow?>(new CommandDefinition(
            $"SELECT height, network, hash, median_time AS mediantime FROM {_schema}.blocks WHERE height = @height",
            new { height }, transaction, cancellationToken: cancellationToken));

    public Task<ScannedBlockRow?> BlockWithHashAsync(NpgsqlTransaction transaction, byte[] hash, CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<ScannedBlockRow?>(new CommandDefinition(
            $"SELECT height, network, hash, median_time AS mediantime FROM {_schema}.blocks WHERE hash = @hash",
            new { hash }, transaction, cancellationToken: cancellationToken));

    /// <summary>The first block whose median time is at or after <paramref name="time"/>, if one arrived.</summary>
    public Task<long?> FirstHeightAtOrAfterAsync(NpgsqlTransaction transaction, DateTime time, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT min(height) FROM {_schema}.blocks WHERE median_time >= @time",
            new { time }, transaction, cancellationToken: cancellationToken));

    /// <summary>Records a key's activation marker; a repeated marker changes nothing.</summary>
    public Task InsertKeyAsync(NpgsqlTransaction transaction, ScannedKey key, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.scanned_keys (session, substrate_key, network_key, activation_height, marker_after_height)
            VALUES (@Session, @SubstrateKey, @NetworkKey, @ActivationHeight, @MarkerAfterHeight) ON CONFLICT (session) DO NOTHING
            """,
            key, transaction, cancellationToken: cancellationToken));

    public async Task<IReadOnlyList<ScannedKey>> KeysAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<ScannedKey>(new CommandDefinition(
            $"""
            SELECT session, substrate_key AS substratekey, network_key AS networkkey, activation_height AS activationheight,
                   marker_after_height AS markerafterheight
            FROM {_schema}.scanned_keys ORDER BY session
            """,
            transaction: transaction, cancellationToken: cancellationToken))];

    public Task InsertKeyPartAsync(
        NpgsqlTransaction transaction, int session, long height, int part, int partCount, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.key_parts (session, height, part, part_count) VALUES (@session, @height, @part, @partCount)
            ON CONFLICT DO NOTHING
            """,
            new { session, height, part, partCount }, transaction, cancellationToken: cancellationToken));

    /// <summary>Per key: its parts of <paramref name="height"/> received, and its highest height with any part.</summary>
    public async Task<IReadOnlyList<KeyPartCount>> KeyPartsAtAsync(NpgsqlTransaction transaction, long height, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<KeyPartCount>(new CommandDefinition(
            $"""
            SELECT session, height, count(*)::int AS received, max(part_count) AS partcount
            FROM {_schema}.key_parts WHERE height = @height GROUP BY session, height
            """,
            new { height }, transaction, cancellationToken: cancellationToken))];

    /// <summary>Whether the key has a part of a block above <paramref name="height"/>.</summary>
    public Task<bool> HasKeyPartAboveAsync(NpgsqlTransaction transaction, int session, long height, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM {_schema}.key_parts WHERE session = @session AND height > @height)",
            new { session, height }, transaction, cancellationToken: cancellationToken));

    public async Task InsertOutputsAsync(NpgsqlTransaction transaction, IReadOnlyList<StoredOutput> outputs, CancellationToken cancellationToken)
    {
        if (outputs.Count == 0)
        {
            return;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {_schema}.outputs
                (txid, vout, height, session, network_key, kind, coin, amount, script, instruction, instruction_error, origin, spend_data)
            SELECT * FROM unnest(@txids::bytea[], @vouts::int[], @heights::bigint[], @sessions::int[], @networkKeys::bytea[],
                                 @kinds::smallint[], @coins::smallint[], @amounts::bigint[], @scripts::bytea[], @instructions::bytea[],
                                 @errors::smallint[], @origins::bytea[], @spendData::bytea[])
            ON CONFLICT (txid, vout) DO NOTHING
            """,
            new
            {
                txids = outputs.Select(o => o.Txid).ToArray(),
                vouts = outputs.Select(o => o.Vout).ToArray(),
                heights = outputs.Select(o => o.Height).ToArray(),
                sessions = outputs.Select(o => o.Session).ToArray(),
                networkKeys = outputs.Select(o => o.NetworkKey).ToArray(),
                kinds = outputs.Select(o => o.Kind).ToArray(),
                coins = outputs.Select(o => o.Coin).ToArray(),
                amounts = outputs.Select(o => o.Amount).ToArray(),
                scripts = outputs.Select(o => o.Script).ToArray(),
                instructions = outputs.Select(o => o.Instruction).ToArray(),
                errors = outputs.Select(o => o.InstructionError).ToArray(),
                origins = outputs.Select(o => o.Origin).ToArray(),
                spendData = outputs.Select(o => o.SpendData).ToArray(),
            },
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The outputs of the blocks in (<paramref name="above"/>, <paramref name="upTo"/>], by height, then output id.</summary>
    public async Task<IReadOnlyList<StoredOutput>> OutputsAsync(
        NpgsqlTransaction transaction, long above, long upTo, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<StoredOutput>(new CommandDefinition(
            $"""
            SELECT txid, vout, height, session, network_key AS networkkey, kind, coin, amount, script, instruction,
                   instruction_error AS instructionerror, origin, spend_data AS spenddata
            FROM {_schema}.outputs WHERE height > @above AND height <= @upTo ORDER BY height, txid, vout
            """,
            new { above, upTo }, transaction, cancellationToken: cancellationToken))];
}
