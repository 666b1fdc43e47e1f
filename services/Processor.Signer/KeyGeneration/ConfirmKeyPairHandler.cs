using Microsoft.Extensions.Logging;
using Processor.Contracts;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.KeyGeneration;

/// <summary>
/// <c>ConfirmKeyPair</c>: the pair Serai set must be the one generated here for that session; then the keys are confirmed
/// (signing may use them) and <c>KeyActivated</c> tells the other services, activation at the Serai time. Any other pair
/// is refused with <c>KeyPairRejected</c> and a warning, and nothing is activated.
/// </summary>
public sealed partial class ConfirmKeyPairHandler(
    SessionKeyStore keys, INetworkKeyForm networkKeyForm, NetworkTopics topics, ILogger<ConfirmKeyPairHandler> logger) : IMessageHandler<ConfirmKeyPair>
{
    public async ValueTask<HandleOutcome> HandleAsync(ConfirmKeyPair message, HandlerContext context, CancellationToken cancellationToken)
    {
        if (message.KeyPair is null || message.SeraiTime is null)
        {
            throw new PoisonMessageException($"ConfirmKeyPair for session {message.Session} lacks the key pair or the Serai time.");
        }

        var transaction = context.Transaction;
        var stored = await keys.LockKeyPairAsync(transaction, message.Session, cancellationToken);
        if (stored is null || !stored.KeyPair.Equals(message.KeyPair))
        {
            var reason = stored is null
                ? $"this signer generated no keys for session {message.Session}"
                : $"the pair differs from the one this signer generated for session {message.Session} (attempt {stored.Attempt})";
            LogRejected(logger, message.Session, Hex(message.KeyPair), stored is null ? "none" : Hex(stored.KeyPair), reason);
            if (stored is not null)
            {
                await keys.RecordRejectionAsync(transaction, message.Session, reason, cancellationToken);
            }

            context.Emit(topics.ProcessorEvents, topics.Network, new KeyPairRejected
            {
                Session = message.Session, Received = message.KeyPair, Generated = stored?.KeyPair, Reason = reason,
            });
            return HandleOutcome.Done;
        }

        if (stored.Confirmed)
        {
            return HandleOutcome.Done;
        }

        await keys.ConfirmAsync(transaction, message.Session, message.SeraiTime.ToDateTimeOffset(), cancellationToken);
        context.Emit(topics.SignerKeys, topics.Network, new KeyActivated
        {
            Network = (NetworkId)networkKeyForm.SeraiNetworkId, Session = message.Session, KeyPair = stored.KeyPair, ActivationTime = message.SeraiTime,
        });
        return HandleOutcome.Done;
    }

    private static string Hex(KeyPair pair) => $"{Convert.ToHexStringLower(pair.SubstrateKey.Span)}/{Convert.ToHexStringLower(pair.NetworkKey.Span)}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "ConfirmKeyPair for session {Session} refused: it names {Received}, generated here: {Generated}; {Reason}. Nothing was activated")]
    private static partial void LogRejected(ILogger logger, uint session, string received, string generated, string reason);
}
