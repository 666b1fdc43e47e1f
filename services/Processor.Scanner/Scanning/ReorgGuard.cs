using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Checks that the finalized-block index is still the node's chain. Only a block the node reports as off its best chain is
/// a reorg: then it halts scanning (safe halt) and reports, in the same transaction, which indexed blocks and reported
/// outputs are affected; nothing is rolled back: an operator decides, then resumes (<c>processorctl scanner resume</c>). A
/// node that does not know the highest indexed block lags behind: the scanner waits for it, unhealthy, and never halts.
/// </summary>
public sealed partial class ReorgGuard(
    NpgsqlDataSource dataSource,
    ScannerStore store,
    ScannerEvents events,
    INetworkNode node,
    NetworkParameters network,
    TimeProvider time,
    ILogger<ReorgGuard> logger)
{
    // The walk down the index to the fork point looks at most this many blocks per poll.
    private const int MaxWalk = 10_000;

    /// <summary>Whether the highest indexed block is still on the node's best chain; halts scanning when it is off it.</summary>
    /// <returns>True when scanning may go on.</returns>
    /// <exception cref="NodeBehindException">The node does not know the highest indexed block (yet).</exception>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var indexed = await store.HighestBlocksAsync(connection, 1, cancellationToken);
        if (indexed.Count == 0)
        {
            return true;
        }

        switch (await node.GetPositionAsync(indexed[0].Hash, cancellationToken))
        {
            case BlockPosition.OnBestChain:
                return true;
            case BlockPosition.Unknown:
                var tip = await node.GetTipHeightAsync(cancellationToken);
                throw new NodeBehindException(string.Create(CultureInfo.InvariantCulture,
                    $"it does not know indexed block {indexed[0].Height} ({Display(indexed[0].Hash)}); its tip is at height {tip}; waiting for it"));
        }

        var walked = await store.HighestBlocksAsync(connection, MaxWalk, cancellationToken);
        var affected = new List<IndexedBlock>();
        foreach (var block in walked)
        {
            // Below a block the node knows to be off its chain, an unknown block is off it too.
            if (await node.GetPositionAsync(block.Hash, cancellationToken) == BlockPosition.OnBestChain)
            {
                break;
            }

            affected.Add(block);
        }

        affected.Reverse();
        await HaltAsync(connection, affected, cancellationToken);
        return false;
    }

    private async Task HaltAsync(NpgsqlConnection connection, List<IndexedBlock> affected, CancellationToken cancellationToken)
    {
        var tip = await node.GetTipHeightAsync(cancellationToken);
        var fork = affected[0];
        var report = new ReorgDetected
        {
            Network = (NetworkId)network.SeraiNetworkId,
            ForkHeight = (ulong)fork.Height,
            DetectedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        foreach (var block in affected)
        {
            var current = (await node.GetBlockHeaderAsync(block.Height, cancellationToken))?.Id ?? [];
            report.AffectedBlocks.Add(new AffectedBlock
            {
                Height = (ulong)block.Height,
                IndexedHash = ByteString.CopyFrom(block.Hash),
                CurrentHash = ByteString.CopyFrom(current),
            });
        }

        var reason = string.Create(CultureInfo.InvariantCulture,
            $"finalized block {fork.Height} ({Display(fork.Hash)}) was reorganized away: indexed blocks {fork.Height}..{affected[^1].Height} " +
            $"are no longer in the node's best chain (tip {tip}); an operator must act, then run 'processorctl scanner resume'");
        report.Detail = reason;

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var progress = await store.LockProgressAsync(transaction, cancellationToken);
        if (progress is null || progress.IsHalted)
        {
            return;
        }

        report.AffectedOutputs.AddRange((await store.OutputsFromAsync(transaction, fork.Height, cancellationToken))
            .Select(o => new OutputId { Txid = ByteString.CopyFrom(o.Txid), Vout = (uint)o.Vout }));
        await store.HaltAsync(transaction, reason, cancellationToken);
        await events.AppendReorgAsync(transaction, fork.Height, Convert.ToHexStringLower(fork.Hash), report, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogHalted(logger, reason, report.AffectedOutputs.Count);
    }

    private string Display(byte[] id) => node.DisplayBlockId(id);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Scanning halted: {Reason}; {Outputs} reported output(s) affected")]
    private static partial void LogHalted(ILogger logger, string reason, int outputs);
}
