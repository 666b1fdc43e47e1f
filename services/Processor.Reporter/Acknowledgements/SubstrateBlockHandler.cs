using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Messaging.Consuming;
using Processor.Reporter.Batches;

namespace Processor.Reporter.Acknowledgements;

/// <summary>
/// Turns a Serai block into work for the scheduler (DESIGN.md §2 flow 4). It waits (parks) until this validator has settled
/// the external block Serai requires and built every Batch the Serai block executed; then it emits ONE OutputsAcknowledged:
/// the outputs of every kind of the blocks after the last acknowledged one up to the required block, their refunds and the
/// burns in order. A Serai block at or below the last one handled is a repeat and changes nothing.
/// </summary>
public sealed class SubstrateBlockHandler(ScannedStore scanned, BatchStore batches, NetworkTopics topics) : IMessageHandler<SubstrateBlock>
{
    public async ValueTask<HandleOutcome> HandleAsync(SubstrateBlock message, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        var transaction = context.Transaction;
        var progress = await batches.LockProgressAsync(transaction, cancellationToken);
        var seraiBlock = checked((long)message.SeraiBlockNumber);
        if (seraiBlock <= progress.LastSeraiBlock)
        {
            return HandleOutcome.Done;
        }

        var requiredHash = message.LatestFinalizedExternalBlock.ToByteArray();
        var required = requiredHash.Length == 0
            ? await scanned.HighestBlockAsync(transaction, cancellationToken) is { } highest ? await scanned.BlockAtAsync(transaction, highest, cancellationToken) : null
            : await scanned.BlockWithHashAsync(transaction, requiredHash, cancellationToken);
        if (required is null)
        {
            return HandleOutcome.Park(requiredHash.Length == 0
                ? $"Serai block {seraiBlock}: no external block is scanned here yet."
                : $"Serai block {seraiBlock} requires external block {Convert.ToHexStringLower(requiredHash)}, not scanned here yet.");
        }

        if (requiredHash.Length > 0 && !(progress.SettledHeight >= required.Height))
        {
            return HandleOutcome.Park($"Serai block {seraiBlock} requires external block {required.Height}, whose Batches are not built here yet.");
        }

        var missing = message.BatchIds.Where(id => id >= progress.NextBatchId).ToList();
        if (missing.Count > 0)
        {
            return HandleOutcome.Park($"Serai block {seraiBlock} executed Batch {missing[0]}, not built here yet.");
        }

        // With no required block, Serai acknowledged no external block yet: only the burns (if any) go on.
        var above = progress.AcknowledgedHeight ?? long.MinValue;
        var upTo = requiredHash.Length == 0 ? above : Math.Max(above, required.Height);
        var acknowledged = new OutputsAcknowledged
        {
            Network = (NetworkId)required.Network,
            SeraiBlockNumber = message.SeraiBlockNumber,
            SeraiTime = message.SeraiTime,
            RequiredBlockHeight = requiredHash.Length == 0 ? 0 : (ulong)required.Height,
            RequiredBlockHash = message.LatestFinalizedExternalBlock,
        };
        acknowledged.BatchIds.AddRange(message.BatchIds.Order());
        acknowledged.Burns.AddRange(message.Burns);
        if (upTo > above)
        {
            acknowledged.Blocks.AddRange(await BlocksAsync(transaction, above, upTo, cancellationToken));
            acknowledged.Refunds.AddRange((await batches.RefundsAsync(transaction, above, upTo, cancellationToken)).Select(r => new Refund
            {
                Output = new OutputId { Txid = ByteString.CopyFrom(r.Txid), Vout = (uint)r.Vout },
                Coin = (Coin)r.Coin,
                Amount = (ulong)r.Amount,
                Destination = ByteString.CopyFrom(r.Destination),
            }));
        }

        context.Emit(topics.ReporterAcknowledgements, topics.Network, acknowledged);
        await batches.MarkAcknowledgedAsync(transaction, [.. message.BatchIds.Select(id => (long)id)], seraiBlock, cancellationToken);
        await batches.SaveProgressAsync(
            transaction, progress with { LastSeraiBlock = seraiBlock, AcknowledgedHeight = upTo == long.MinValue ? null : upTo }, cancellationToken);
        return HandleOutcome.Done;
    }

    private async Task<IEnumerable<AcknowledgedBlock>> BlocksAsync(
        Npgsql.NpgsqlTransaction transaction, long above, long upTo, CancellationToken cancellationToken)
    {
        var outputs = await scanned.OutputsAsync(transaction, above, upTo, cancellationToken);
        var blocks = new List<AcknowledgedBlock>();
        foreach (var atHeight in outputs.GroupBy(o => o.Height))
        {
            var block = await scanned.BlockAtAsync(transaction, atHeight.Key, cancellationToken)
                ?? throw new InvalidOperationException($"Outputs at height {atHeight.Key} belong to no received block.");
            var acknowledged = new AcknowledgedBlock { Height = (ulong)block.Height, Hash = ByteString.CopyFrom(block.Hash) };
            acknowledged.Outputs.AddRange(atHeight.GroupBy(o => o.Session).OrderBy(g => g.Key).Select(ofKey =>
            {
                var keyOutputs = new KeyOutputs { Session = (uint)ofKey.Key, NetworkKey = ByteString.CopyFrom(ofKey.First().NetworkKey) };
                keyOutputs.Outputs.AddRange(ofKey.Select(ToMessage));
                return keyOutputs;
            }));
            blocks.Add(acknowledged);
        }

        return blocks;
    }

    private static Output ToMessage(StoredOutput o) => new()
    {
        Id = new OutputId { Txid = ByteString.CopyFrom(o.Txid), Vout = (uint)o.Vout },
        Kind = (OutputKind)o.Kind,
        Coin = (Coin)o.Coin,
        Amount = (ulong)o.Amount,
        Script = ByteString.CopyFrom(o.Script),
        Instruction = ByteString.CopyFrom(o.Instruction),
        InstructionError = (InstructionError)o.InstructionError,
        Origin = ByteString.CopyFrom(o.Origin),
        SpendData = ByteString.CopyFrom(o.SpendData),
    };
}
