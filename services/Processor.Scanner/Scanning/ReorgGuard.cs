using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Rpc;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Scanning;

/// <summary>
/// Checks that the finalized-block index is still the node's chain. When an indexed block has been reorganized away, it
/// halts scanning (safe halt) and reports, in the same transaction, which indexed blocks and reported outputs are affected.
/// Nothing is rolled back: an operator decides, then resumes (<c>processorctl scanner resume</c>).
/// </summary>
public sealed partial class ReorgGuard(
    NpgsqlDataSource dataSource, ScannerStore store, ScannerEvents events, BitcoinRpcClient node, TimeProvider time, ILogger<ReorgGuard> logger)
{
    // The walk down the index to the fork point looks at most this many blocks per poll.
    private const int MaxWalk = 10_000;

    /// <summary>Whether the highest indexed block is still on the node's best chain; halts scanning when it is not.</summary>
    /// <returns>True when scanning may go on.</returns>
    public async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var indexed = await store.HighestBlocksAsync(connection, 1, cancellationToken);
        if (indexed.Count == 0 || await IsOnBestChainAsync(indexed[0], cancellationToken))
        {
            return true;
        }

        var walked = await store.HighestBlocksAsync(connection, MaxWalk, cancellationToken);
        var affected = new List<IndexedBlock>();
        foreach (var block in walked)
        {
            if (await IsOnBestChainAsync(block, cancellationToken))
            {
                break;
            }

            affected.Add(block);
        }

        affected.Reverse();
        await HaltAsync(connection, affected, cancellationToken);
        return false;
    }

    private async Task<bool> IsOnBestChainAsync(IndexedBlock block, CancellationToken cancellationToken)
    {
        try
        {
            return (await node.GetBlockHeaderAsync(Display(block.Hash), cancellationToken)).IsOnBestChain;
        }
        catch (BitcoinRpcException ex) when (ex.Kind == RpcErrorKind.NotFound)
        {
            return false;
        }
    }

    private async Task HaltAsync(NpgsqlConnection connection, List<IndexedBlock> affected, CancellationToken cancellationToken)
    {
        var tip = await node.GetBlockCountAsync(cancellationToken);
        var fork = affected[0];
        var report = new ReorgDetected
        {
            Network = NetworkId.Bitcoin,
            ForkHeight = (ulong)fork.Height,
            DetectedAt = Timestamp.FromDateTimeOffset(time.GetUtcNow()),
        };
        foreach (var block in affected)
        {
            var current = block.Height <= tip ? Hash256.Parse(await node.GetBlockHashAsync(block.Height, cancellationToken)).ToArray() : [];
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
        if (progress.IsHalted)
        {
            return;
        }

        report.AffectedOutputs.AddRange((await store.OutputsFromAsync(transaction, fork.Height, cancellationToken))
            .Select(o => new OutputId { Txid = ByteString.CopyFrom(o.Txid), Vout = (uint)o.Vout }));
        await store.HaltAsync(transaction, reason, cancellationToken);
        await events.AppendReorgAsync(transaction, fork.Height, Display(fork.Hash), report, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogHalted(logger, reason, report.AffectedOutputs.Count);
    }

    private static string Display(byte[] hash) => new Hash256(hash).ToString();

    [LoggerMessage(Level = LogLevel.Critical, Message = "Scanning halted: {Reason}; {Outputs} reported output(s) affected")]
    private static partial void LogHalted(ILogger logger, string reason, int outputs);
}
