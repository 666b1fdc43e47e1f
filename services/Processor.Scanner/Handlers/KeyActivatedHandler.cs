using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Handlers;

/// <summary>
/// Learns a confirmed key from the signer. Its activation block follows from the confirmation only: the block the signer
/// names, else the first finalized block whose monotonic time is at or after the activation time. When scanning has
/// already passed that block, the key is stored with it and catches up from there (see KeyCatchUp); otherwise the scan
/// activates it when it gets there.
/// </summary>
public sealed class KeyActivatedHandler(ScannerStore store, IOutputScanner outputScanner) : IMessageHandler<KeyActivated>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyActivated message, HandlerContext context, CancellationToken cancellationToken)
    {
        var networkKey = message.KeyPair?.NetworkKey.ToByteArray() ?? [];
        if (!outputScanner.IsValidNetworkKey(networkKey))
        {
            throw new PoisonMessageException($"KeyActivated for session {message.Session}: the network key is not a well-formed key of this network.");
        }

        if (message.ActivationTime is null)
        {
            throw new PoisonMessageException($"KeyActivated for session {message.Session} has no activation time.");
        }

        var transaction = context.Transaction;
        var activationTime = message.ActivationTime.ToDateTimeOffset();
        long? requestedHeight = message.HasActivationBlockNumber ? (long)message.ActivationBlockNumber : null;

        // Locking the progress orders this against a block scan in flight: either that scan sees the key, or this sees its block.
        var progress = await store.LockProgressAsync(transaction, cancellationToken);
        var passed = progress is null ? null : await store.IndexedActivationHeightAsync(transaction, activationTime, requestedHeight, cancellationToken);
        await store.InsertKeyAsync(
            transaction,
            new KeyRow(
                (int)message.Session, message.KeyPair!.SubstrateKey.ToByteArray(), networkKey, activationTime.UtcDateTime, requestedHeight,
                ActivationHeight: passed, CatchUpHeight: passed),
            cancellationToken);
        return HandleOutcome.Done;
    }
}
