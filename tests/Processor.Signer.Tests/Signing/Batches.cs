using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using BatchMessage = Processor.Serai.BatchMessage;
using BatchSignId = Processor.Serai.BatchSignId;
using Processor.Serai.Contracts;

namespace Processor.Signer.Tests.Signing;

/// <summary>Batch requests as the reporter sends them.</summary>
internal static class Batches
{
    /// <summary>A request to sign Bitcoin Batch <paramref name="id"/> (one Transfer) with session <paramref name="keys"/>'s substrate key.</summary>
    public static BatchSignRequested Request(DealtSessionKeys keys, uint id = 7) =>
        Request(keys.Session, keys.SubstrateKey, NetworkId.Bitcoin, Coin.Bitcoin, id);

    /// <summary>A request to sign <paramref name="network"/>'s Batch <paramref name="id"/> (one Transfer of <paramref name="coin"/>) with <paramref name="substrateKey"/>.</summary>
    public static BatchSignRequested Request(uint session, byte[] substrateKey, NetworkId network, Coin coin, uint id) => new()
    {
        Network = network,
        Session = session,
        SubstrateKey = ByteString.CopyFrom(substrateKey),
        Batch = new Batch
        {
            Network = network,
            Id = id,
            ExternalBlockHash = ByteString.CopyFrom(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            Instructions =
            {
                new InInstruction
                {
                    Coin = coin,
                    Amount = 100_000,
                    // SCALE(InInstruction::Transfer(SeraiAddress)): variant 0, then the 32-byte address.
                    Instruction = ByteString.CopyFrom([0, .. Enumerable.Repeat((byte)0xcc, 32)]),
                },
            },
        },
    };

    /// <summary>What Serai's chain verifies the signature over: batch_message of the request's Batch.</summary>
    public static byte[] MessageOf(BatchSignRequested request) => BatchMessage.Of(ContractBatches.ToSerai(request.Batch));

    /// <summary>Attempt <paramref name="attempt"/> of the request's signing (Serai's Batch sign id).</summary>
    public static SignId SignIdOf(BatchSignRequested request, uint attempt = 0) => new()
    {
        Session = request.Session,
        Kind = SignKind.Batch,
        Id = ByteString.CopyFrom(BatchSignId.Of(ContractBatches.ToSerai(request.Network), request.Batch.Id)),
        Attempt = attempt,
    };
}
