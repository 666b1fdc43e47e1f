using Google.Protobuf;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Signer.V1;
using Processor.Crypto.Sr25519;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;
using Processor.Serai;
using Processor.Serai.Contracts;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>
/// A Batch for Serai: one sr25519 FROST machine over <c>batch_message</c> with the session's substrate key, identified by
/// Serai's Batch sign id. The signature is checked as Serai's chain checks it, then goes to the coordinator (SignedBatch)
/// and to the reporter (BatchSigned).
/// </summary>
public sealed class BatchSubject : FrostSubject
{
    private readonly BatchSignRequested _request;
    private readonly NetworkTopics _topics;

    private BatchSubject(BatchSignRequested request, byte[] id, byte[] message, SessionKeys keys, NetworkTopics topics)
        : base(SubjectKey.Of(request.Session, SignKind.Batch, id), BatchSuite, keys.Substrate, [new SigningMachine(message, null)])
    {
        _request = request;
        _topics = topics;
    }

    private static FrostCiphersuite BatchSuite => FrostCiphersuite.Sr25519;

    /// <summary>The subject of <paramref name="request"/>, signed with <paramref name="keys"/>.</summary>
    /// <exception cref="PoisonMessageException">The request names another key than the session's, or its Batch is not one of Serai's.</exception>
    public static BatchSubject Of(BatchSignRequested request, SessionKeys keys, NetworkTopics topics)
    {
        if (request.Batch is null)
        {
            throw new PoisonMessageException($"BatchSignRequested for session {request.Session} has no Batch.");
        }

        var ourKey = keys.Substrate.PublicKey.GroupPublicKey.Serialize();
        if (!request.SubstrateKey.Span.SequenceEqual(ourKey))
        {
            throw new PoisonMessageException(
                $"Batch {request.Batch.Id}: the request names substrate key {Convert.ToHexStringLower(request.SubstrateKey.Span)}, " +
                $"but session {request.Session}'s key is {Convert.ToHexStringLower(ourKey)}.");
        }

        try
        {
            var batch = ContractBatches.ToSerai(request.Batch);
            return new BatchSubject(request, BatchSignId.Of(batch.Network, batch.Id), BatchMessage.Of(batch), keys, topics);
        }
        catch (FormatException ex)
        {
            throw new PoisonMessageException($"Batch {request.Batch.Id} is not a Batch Serai can take: {ex.Message}", ex);
        }
    }

    protected override void Emit(IReadOnlyList<byte[]> signatures, HandlerContext context)
    {
        var signature = signatures.Single();
        if (!Sr25519.Verify(_request.SubstrateKey.Span, Machines[0].Message, signature))
        {
            throw new InvalidOperationException($"{Key}: the aggregated signature is not a valid sr25519 signature over batch_message.");
        }

        var signed = new SignedBatch { Batch = _request.Batch, Signature = ByteString.CopyFrom(signature) };
        context.Emit(_topics.ProcessorEvents, _topics.Network, signed);
        context.Emit(_topics.SignerSignatures, _topics.Network, new BatchSigned
        {
            Network = _request.Network, Session = _request.Session, SignedBatch = signed,
        });
    }
}
