using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// One poll of the node: (re)creates the progress row if it is missing (a replay wiped it), checks the index is still the
/// node's chain, brings late keys up to date, looks through scanned blocks again for late eventualities, then scans every
/// block that has become final, each in its own Postgres transaction holding the block's index row, its outputs, completed
/// eventualities, key activations, its ScannedBlock parts and the advanced progress.
/// </summary>
public sealed partial class ChainScanner(
    NpgsqlDataSource dataSource,
    ScannerStore store,
    ScannerEvents events,
    ReorgGuard reorgGuard,
    KeyCatchUp catchUp,
    EventualityLookBack lookBack,
    INetworkNode node,
    IOutputScanner outputScanner,
    IEventualityMatcher eventualities,
    NetworkParameters network,
    Microsoft.Extensions.Options.IOptions<ScannerOptions> options,
    ILogger<ChainScanner> logger)
{
    /// <summary>Scans what is final; returns the progress afterwards.</summary>
    /// <exception cref="WrongChainException">The node serves another chain than the configured network.</exception>
    /// <exception cref="NodeBehindException">The node lags behind the index; scanning waits for it.</exception>
    public async Task<ScanProgress> PollAsync(CancellationToken cancellationToken)
    {
        var progress = await ReadProgressAsync(cancellationToken);
        await node.EnsureConfiguredChainAsync(cancellationToken);
        if (progress.IsHalted || !await reorgGuard.CheckAsync(cancellationToken))
        {
            return await ReadProgressAsync(cancellationToken);
        }

        await catchUp.RunAsync(cancellationToken);
        await lookBack.RunAsync(cancellationToken);
        var finalized = network.FinalizedHeight(await node.GetTipHeightAsync(cancellationToken));
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

    private async Task<ScanProgress> ReadProgressAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await store.InitializeAsync(connection, options.Value.StartHeight, cancellationToken);
        return await store.ReadProgressAsync(connection, cancellationToken);
    }

    /// <returns>False when the block could not be scanned as the next one of the index.</returns>
    private async Task<bool> ScanBlockAsync(long height, CancellationToken cancellationToken)
    {
        var header = await node.GetBlockHeaderAsync(height, cancellationToken);
        if (header is null)
        {
            return false;
        }

        var block = await node.GetBlockAsync(header, cancellationToken);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var progress = await store.LockProgressAsync(transaction, cancellationToken);
        if (progress is null || progress.IsHalted || progress.NextHeight != height)
        {
            return false;
        }

        var parent = await store.BlockHashAtAsync(transaction, height - 1, cancellationToken);
        if (parent is not null && !parent.AsSpan().SequenceEqual(header.ParentId))
        {
            LogParentMismatch(logger, height, node.DisplayBlockId(header.Id));
            return false;
        }

        var keys = BlockScan.ActiveAt(header, await store.KeysAsync(transaction, cancellationToken));
        var open = await store.OpenEventualitiesAsync(transaction, cancellationToken);
        var found = await outputScanner.ScanAsync(block, keys.Select(k => k.NetworkKey).ToList(), cancellationToken);
        var completions = eventualities.FindCompletions(block, open.Select(e => e.Eventuality).ToList());
        var result = BlockScan.Scan(network, header, keys, found, open, completions, withBlockParts: true);

        await store.InsertBlockAsync(transaction, height, header.Id, header.ParentId, header.Time, header.MonotonicTime, cancellationToken);
        await store.InsertOutputsAsync(transaction, result.Outputs, cancellationToken);
        await store.CompleteEventualitiesAsync(transaction, result.CompletedPlans, height, cancellationToken);
        await store.ActivateKeysAsync(transaction, result.ActivatedSessions, height, cancellationToken);
        await events.AppendBlockPartsAsync(transaction, result.Parts, cancellationToken);
        await store.AdvanceAsync(transaction, height + 1, cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        if (result.Outputs.Count + result.CompletedPlans.Count + result.ActivatedSessions.Count > 0)
        {
            LogNotable(logger, height, node.DisplayBlockId(header.Id), result.Outputs.Count, result.CompletedPlans.Count, result.ActivatedSessions.Count);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Block {Height} ({Hash}): {Outputs} output(s), {Completed} completed plan(s), {Activated} key activation(s)")]
    private static partial void LogNotable(ILogger logger, long height, string hash, int outputs, int completed, int activated);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Block {Height} ({Hash}) does not build on the indexed block below it; checking for a reorg")]
    private static partial void LogParentMismatch(ILogger logger, long height, string hash);
}
