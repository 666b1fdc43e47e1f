using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Reporter.Batches;
using Processor.Serai.Contracts;

namespace Processor.Reporter.Signatures;

/// <summary>
/// Takes the signer's signature of a Batch and sends the SignedBatch to the coordinator, once: the Batch must be the one
/// this reporter built under that id (a signature of anything else is poison); a second signature of it changes nothing.
/// A signature of a Batch not built yet (a replay re-consumes the topics in another order) waits for it.
/// </summary>
public sealed class BatchSignedHandler(BatchStore batches, NetworkTopics topics) : IMessageHandler<BatchSigned>
{
    private const int SignatureLength = 64;

    public async ValueTask<HandleOutcome> HandleAsync(BatchSigned message, HandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(context);
        if (message.SignedBatch?.Batch is not { } signed)
        {
            throw new PoisonMessageException("BatchSigned carries no Batch.");
        }

        if (message.SignedBatch.Signature.Length != SignatureLength)
        {
            throw new PoisonMessageException(
                $"BatchSigned for Batch {signed.Id}: the signature is {message.SignedBatch.Signature.Length} bytes, not {SignatureLength}.");
        }

        var stored = await batches.LockBatchAsync(context.Transaction, signed.Id, cancellationToken);
        if (stored is null)
        {
            return HandleOutcome.Park($"Batch {signed.Id} is not built here (yet).");
        }

        var built = Batch.Parser.ParseFrom(stored.Batch);
        if (!SameBatch(built, signed))
        {
            throw new PoisonMessageException($"BatchSigned for Batch {signed.Id} signs another Batch than the one built here under that id.");
        }

        if (stored.Signature is not null)
        {
            return HandleOutcome.Done;
        }

        await batches.SaveSignatureAsync(context.Transaction, stored.Id, message.SignedBatch.Signature.ToByteArray(), cancellationToken);
        context.Emit(topics.ProcessorEvents, topics.Network, new SignedBatch { Batch = built, Signature = message.SignedBatch.Signature });
        return HandleOutcome.Done;
    }

    // What is signed is Serai's Batch; the contract's carrier fields outside it (origins) do not count.
    private static bool SameBatch(Batch built, Batch signed)
    {
        try
        {
            return ContractBatches.ToSerai(built).Equals(ContractBatches.ToSerai(signed));
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
