using Processor.Contracts.Signer.V1;
using Processor.Crypto.Secp256k1;
using Processor.Messaging.Consuming;
using Processor.Scanner.Storage;

namespace Processor.Scanner.Handlers;

/// <summary>Learns a confirmed key from the signer; the scan loop activates it at the first finalized block at or after its time.</summary>
public sealed class KeyActivatedHandler(ScannerStore store) : IMessageHandler<KeyActivated>
{
    public async ValueTask<HandleOutcome> HandleAsync(KeyActivated message, HandlerContext context, CancellationToken cancellationToken)
    {
        var networkKey = message.KeyPair?.NetworkKey.ToByteArray() ?? [];
        if (!Bip340.IsValidXOnlyPublicKey(networkKey))
        {
            throw new PoisonMessageException($"KeyActivated for session {message.Session}: the network key is not a 32-byte x-only secp256k1 key.");
        }

        if (message.ActivationTime is null)
        {
            throw new PoisonMessageException($"KeyActivated for session {message.Session} has no activation time.");
        }

        await store.InsertKeyAsync(
            context.Transaction, (int)message.Session, message.KeyPair!.SubstrateKey.ToByteArray(), networkKey,
            message.ActivationTime.ToDateTimeOffset(), message.HasActivationBlockNumber ? (long)message.ActivationBlockNumber : null,
            cancellationToken);
        return HandleOutcome.Done;
    }
}
