using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;
using Processor.Serai.Contracts;
using Processor.Testing;
using SeraiBatch = Processor.Serai.Batch;
using SeraiBatchMessage = Processor.Serai.BatchMessage;

namespace Processor.CoordinatorSimulator.Tests;

/// <summary>
/// Signed Batches from <c>serai/sr25519-batch-signatures.json</c> ("valid"): each entry's batch_message decoded back into the
/// contract's Batch, with the entry's signature and public key.
/// </summary>
internal static class SignatureVectors
{
    public static SignedBatch SignedBatch(string name)
    {
        var entry = Entry(name);
        var message = Convert.FromHexString(entry.GetProperty("message_hex").GetString()!);
        return new SignedBatch
        {
            Batch = ContractBatches.FromSerai(SeraiBatch.Decode(message.AsSpan(SeraiBatchMessage.Prefix.Length))),
            Signature = ByteString.CopyFrom(Convert.FromHexString(entry.GetProperty("signature_hex").GetString()!)),
        };
    }

    public static ByteString PublicKey(string name) =>
        ByteString.CopyFrom(Convert.FromHexString(Entry(name).GetProperty("public_key_hex").GetString()!));

    private static System.Text.Json.JsonElement Entry(string name) =>
        RepositoryPaths.VectorJson("serai/sr25519-batch-signatures.json").GetProperty("valid").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == name);
}
