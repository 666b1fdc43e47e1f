using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Scans the already indexed blocks again for keys that were confirmed after scanning passed their activation block, one
/// block per transaction, from the activation block up to the main scan (the blocks come from the index and the node by
/// id). A key's parts depend only on the block and the key, so they are the ones an in-time key got: same ids, same content.
/// </summary>
public sealed partial class KeyCatchUp(
    NpgsqlDataSource dataSource,
    ScannerStore store,
    ScannerEvents events,
    INetworkNode node,
    IOutputScanner outputScanner,
    NetworkParameters network,
    ILogger<KeyCatchUp> logger)
{
    /// <summary>Brings every key that is catching up in step with the main scan.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var read = await connection.BeginTransactionAsync(cancellationToken))
        {
            foreach (var key in (await store.KeysAsync(read, cancellationToken)).Where(k => !k.IsInStep))
            {
                LogCatchingUp(logger, key.Session, key.CatchUpHeight!.Value);
            }
        }

        while (await ScanNextAsync(connection, cancellationToken))
        {
        }
    }

    /// <returns>Whether a block was scanned for a key (there may be more).</returns>
    private async Task<bool> ScanNextAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        KeyRow key;
        await using (var read = await connection.BeginTransactionAsync(cancellationToken))
        {
            var next = (await store.KeysAsync(read, cancellationToken)).FirstOrDefault(k => !k.IsInStep);
            if (next is null)
            {
                return false;
            }

            key = next;
        }

        var height = key.CatchUpHeight!.Value;
        var header = await store.BlockAtAsync(connection, height, cancellationToken)
            ?? throw new InvalidOperationException($"key of session {key.Session} catches up at height {height}, which is not indexed");
        var block = await node.GetBlockAsync(header, cancellationToken);
        var found = await outputScanner.ScanAsync(block, [key.NetworkKey], cancellationToken);
        var result = BlockScan.Scan(network, header, [key], found, [], [], withBlockParts: false);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var progress = await store.LockProgressAsync(transaction, cancellationToken);
        var current = (await store.KeysAsync(transaction, cancellationToken)).FirstOrDefault(k => k.Session == key.Session);
        if (progress is null || current?.CatchUpHeight != height)
        {
            // A replay wiped the state, or another instance did this block: look again.
            return progress is not null;
        }

        await store.InsertOutputsAsync(transaction, result.Outputs, cancellationToken);
        await events.AppendBlockPartsAsync(transaction, result.Parts, cancellationToken);
        await store.SetCatchUpAsync(transaction, key.Session, height + 1 < progress.NextHeight ? height + 1 : null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (result.Outputs.Count > 0)
        {
            LogCaughtUpOutputs(logger, key.Session, height, result.Outputs.Count);
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Key of session {Session} was confirmed after its activation block; scanning again from height {Height}")]
    private static partial void LogCatchingUp(ILogger logger, int session, long height);

    [LoggerMessage(Level = LogLevel.Information, Message = "Catch-up of session {Session}: block {Height} has {Outputs} output(s)")]
    private static partial void LogCaughtUpOutputs(ILogger logger, int session, long height, int outputs);
}
