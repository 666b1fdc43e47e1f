namespace Processor.Serai;

/// <summary>
/// Serai A's id of a Batch signing session (<c>SignId.id</c>; its key is empty): the first 32 bytes of a Blake2b-512
/// DigestTranscript "Serai Processor Batch Sign ID" over the network and the Batch id (§5).
/// </summary>
public static class BatchSignId
{
    public const int Length = 32;

    public static byte[] Of(NetworkId network, uint batchId)
    {
        var transcript = new DigestTranscript("Serai Processor Batch Sign ID"u8);
        transcript.AppendMessage("network"u8, [SeraiEnums.Index(network)]);
        Span<byte> id = stackalloc byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(id, batchId);
        transcript.AppendMessage("id"u8, id);
        return transcript.ChallengeOnce("id"u8)[..Length];
    }
}
