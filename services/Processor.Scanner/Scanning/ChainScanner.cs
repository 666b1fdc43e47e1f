using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// One poll of the node: checks the index is still the node's chain, then scans every block that has become final
/// (<c>confirmations</c> deep, the tip counting as one), each in its own Postgres transaction holding the block's index
/// row, its outputs, completed eventualities, key activations, its ScannedBlock event and the advanced progress.
/// </summary>
public sealed partial class ChainScanner(
    NpgsqlDataSource dataSource,
    ScannerStore store,
    ScannerEvents events,
    ReorgGuard reorgGuard,
    BitcoinRpcClient node,
    BitcoinNetwork network,
    ILogger<ChainScanner> logger)
{
    private bool _nodeChecked;

    /// <summary>Scans what is final; returns the progress afterwards.</summary>
    /// <exception cref="InvalidOperationException">The node serves another chain than the configured network.</exception>
    public async Task<ScanProgress> PollAsync(CancellationToken cancellationToken)
    {
        await CheckNodeChainAsync(cancellationToken);
        var progress = await ReadProgressAsync(cancellationToken);
        if (progress.IsHalted || !await reorgGuard.CheckAsync(cancellationToken))
        {
            return await ReadProgressAsync(cancellationToken);
        }

        var finalized = await node.GetBlockCountAsync(cancellationToken) - (network.Confirmations - 1);
        for (var height = progress.NextHeight; height <= finalized; height++)
        {
            if (!await ScanBlockAsync(height, cancellationToken))
            {
                // The chain changed under us (or another instance moved on): the guard decides on the next poll.
                break;
            }
        }

        return await ReadProgressAsync(cancellationToken);
    }

    /// <summary>Refuses a node whose genesis block is not the configured network's (checked until it once matches).</summary>
    private async Task CheckNodeChainAsync(CancellationToken cancellationToken)
    {
        if (_nodeChecked)
        {
            return;
        }

        var genesis = Hash256.Parse(await node.GetBlockHashAsync(0, cancellationToken));
        _nodeChecked = genesis == network.GenesisHash
            ? true
            : throw new InvalidOperationException(
                $"the node serves another chain: its genesis block is {genesis}, the configured network '{network.Name}' " +
                $"(Bitcoin:Network) starts with {network.GenesisHash}");
    }

    private async Task<ScanProgress> ReadProgressAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await store.ReadProgressAsync(connection, cancellationToken);
    }

    /// <returns>False when the block could not be scanned as the next one of the index.</returns>
    private async Task<bool> ScanBlockAsync(long height, CancellationToken cancellationToken)
    {
        var hash = await node.GetBlockHashAsync(height, cancellationToken);
        var header = await node.GetBlockHeaderAsync(hash, cancellationToken);
        var block = Block.Parse(await node.GetBlockAsync(hash, cancellationToken));
        if (block.Hash != Hash256.Parse(hash) || header.Height != height)
        {
            throw new BitcoinRpcException(RpcErrorKind.MalformedAnswer, "getblock", $"the node sent block {block.Hash} for {hash} at height {height}");
        }

        block.Verify(network);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var progress = await store.LockProgressAsync(transaction, cancellationToken);
        if (progress.IsHalted || progress.NextHeight != height)
        {
            return false;
        }

        var parent = await store.BlockHashAtAsync(transaction, height - 1, cancellationToken);
        if (parent is not null && new Hash256(parent) != block.Header.PreviousBlockHash)
        {
            LogParentMismatch(logger, height, hash);
            return false;
        }

        var keys = await store.KeysAsync(transaction, cancellationToken);
        var eventualities = await store.OpenEventualitiesAsync(transaction, cancellationToken);
        var result = BlockScan.Scan(height, block, header.MedianTime, keys, eventualities, network.DustThreshold);

        await store.InsertBlockAsync(
            transaction, height, block.Hash.ToArray(), block.Header.PreviousBlockHash.ToArray(), block.Header.Timestamp, header.MedianTime,
            cancellationToken);
        await store.InsertOutputsAsync(transaction, result.Outputs, cancellationToken);
        await store.CompleteEventualitiesAsync(transaction, result.CompletedPlans, height, cancellationToken);
        await store.ActivateKeysAsync(transaction, result.ActivatedSessions, height, cancellationToken);
        await events.AppendBlockAsync(transaction, height, hash, result.Event, cancellationToken);
        await store.AdvanceAsync(transaction, height + 1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (result.Outputs.Count + result.CompletedPlans.Count + result.ActivatedSessions.Count > 0)
        {
            LogNotable(logger, height, hash, result.Outputs.Count, result.CompletedPlans.Count, result.ActivatedSessions.Count);
        }

        foreach (var tooLong in result.Outputs.Where(o => o.InstructionError != 0))
        {
            LogInstructionTooLong(logger, new Hash256(tooLong.Txid).ToString(), tooLong.Vout);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Block {Height} ({Hash}): {Outputs} output(s), {Completed} completed plan(s), {Activated} key activation(s)")]
    private static partial void LogNotable(ILogger logger, long height, string hash, int outputs, int completed, int activated);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Deposit {Txid}:{Vout} carries an OP_RETURN instruction over the 512-byte limit; reported without it (INSTRUCTION_ERROR_TOO_LONG)")]
    private static partial void LogInstructionTooLong(ILogger logger, string txid, int vout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Block {Height} ({Hash}) does not build on the indexed block below it; checking for a reorg")]
    private static partial void LogParentMismatch(ILogger logger, long height, string hash);
}
