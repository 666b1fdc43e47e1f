using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Serai;
using Processor.Serai.Contracts;
using ContractNetworkId = Processor.Contracts.Common.V1.NetworkId;

namespace Processor.Reporter.Batches;

/// <summary>
/// Builds a settled block's Batches (serai-chain-formats.md §2.2, §9): none for a block without outputs; otherwise its
/// transfer instructions split at 25,000 bytes into Batches with consecutive ids (at least one, possibly empty). Each Batch
/// goes to the coordinator and to the signer (signed by the oldest active key), and each External output without a usable
/// instruction is reported to the coordinator with where it will be refunded. All of it is stored in the handler's
/// transaction, so an id is never given twice.
/// </summary>
public sealed class BatchBuilder(ScannedStore scanned, BatchStore batches, IAddressScripts addresses, NetworkTopics topics)
{
    /// <returns>The next free Batch id.</returns>
    public async Task<long> BuildAsync(
        HandlerContext context, ContractNetworkId network, long height, long nextId, IReadOnlyList<ScannedKey> keys, CancellationToken cancellationToken)
    {
        var transaction = context.Transaction;
        var outputs = await scanned.OutputsAsync(transaction, height - 1, height, cancellationToken);
        if (outputs.Count == 0)
        {
            return nextId;
        }

        var block = await scanned.BlockAtAsync(transaction, height, cancellationToken)
            ?? throw new InvalidOperationException($"Block {height} is settled but was never received.");
        // Outputs only come for active keys, so there is one.
        var signer = keys.Where(k => k.ActivationHeight <= height).MinBy(k => k.Session)!;
        var read = BlockInstructions.Of(outputs, a => addresses.PaymentScript(a) is not null);
        var built = BatchSplitter.Split(
            ContractBatches.ToSerai(network), ContractBatches.ToSeraiBlock(network, block.Hash), checked((uint)nextId), read.Instructions);
        foreach (var batch in built)
        {
            var contract = ContractBatches.FromSerai(batch);
            await batches.InsertBatchAsync(
                transaction,
                new StoredBatch(batch.Id, height, block.Hash, signer.Session, batch.Instructions.Count, contract.ToByteArray(), null),
                cancellationToken);
            context.Emit(topics.ProcessorEvents, topics.Network, contract);
            context.Emit(topics.ReporterBatchSignRequests, topics.Network, new BatchSignRequested
            {
                Network = network,
                Session = (uint)signer.Session,
                SubstrateKey = ByteString.CopyFrom(signer.SubstrateKey),
                Batch = contract,
            });
        }

        await batches.InsertRejectedAsync(transaction, height, read.Rejected, cancellationToken);
        foreach (var rejected in read.Rejected)
        {
            context.Emit(topics.ProcessorEvents, topics.Network, new InstructionRejected
            {
                Output = new Processor.Contracts.Common.V1.OutputId { Txid = ByteString.CopyFrom(rejected.Output.Txid), Vout = (uint)rejected.Output.Vout },
                Coin = (Processor.Contracts.Common.V1.Coin)rejected.Output.Coin,
                Amount = (ulong)rejected.Output.Amount,
                ExternalBlockHash = ByteString.CopyFrom(block.Hash),
                Reason = rejected.Reason,
                Detail = rejected.Detail,
                RefundDestination = ByteString.CopyFrom(rejected.RefundDestination),
            });
        }

        return built[^1].Id + 1L;
    }
}
