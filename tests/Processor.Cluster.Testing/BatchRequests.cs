using System.Security.Cryptography;
using Google.Protobuf;
using Processor.Contracts.Reporter.V1;
using Processor.Serai;
using Processor.Serai.Contracts;
using Batch = Processor.Contracts.Coordinator.V1.Batch;
using Coin = Processor.Contracts.Common.V1.Coin;
using ContractInInstruction = Processor.Contracts.Coordinator.V1.InInstruction;
using NetworkId = Processor.Contracts.Common.V1.NetworkId;
using SeraiInInstruction = Processor.Serai.InInstruction;

namespace Processor.Cluster.Testing;

/// <summary>Batches to sign, as the reporter asks the signer for them (<c>BatchSignRequested</c>).</summary>
public static class BatchRequests
{
    /// <summary>
    /// <paramref name="network"/>'s Batch <paramref name="batchId"/> (Bitcoin's by default) for a random external block with one
    /// Transfer of 50,000,000 units of <paramref name="coin"/> (0.5 BTC) to a random Serai address, to be signed by
    /// <paramref name="session"/>'s <paramref name="substrateKey"/>.
    /// </summary>
    public static BatchSignRequested For(
        uint session, ByteString substrateKey, uint batchId, NetworkId network = NetworkId.Bitcoin, Coin coin = Coin.Bitcoin)
    {
        var transfer = new SeraiInInstruction.Transfer(new SeraiAddress(RandomNumberGenerator.GetBytes(SeraiAddress.Size)));
        var batch = new Batch
        {
            Network = network,
            Id = batchId,
            ExternalBlockHash = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(BlockHash.Size)),
            Instructions =
            {
                new ContractInInstruction
                {
                    Coin = coin,
                    Amount = 50_000_000,
                    Instruction = ByteString.CopyFrom(transfer.Encode()),
                },
            },
        };
        return new BatchSignRequested { Network = batch.Network, Session = session, SubstrateKey = substrateKey, Batch = batch };
    }

    /// <summary>What Serai's chain verifies a Batch's signature over: <c>batch_message</c> of the Batch.</summary>
    public static byte[] MessageOf(Batch batch) => BatchMessage.Of(ContractBatches.ToSerai(batch));
}
