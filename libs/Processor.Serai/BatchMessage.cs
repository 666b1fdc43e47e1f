namespace Processor.Serai;

/// <summary>Serai's <c>batch_message</c>: the bytes a Batch's sr25519 signature covers (§2.1).</summary>
public static class BatchMessage
{
    /// <summary>The context prefix, 20 ASCII bytes with no length and no separator.</summary>
    public static ReadOnlySpan<byte> Prefix => "InInstructions-batch"u8;

    /// <summary><c>"InInstructions-batch" ‖ SCALE(batch)</c>.</summary>
    public static byte[] Of(Batch batch) => [.. Prefix, .. batch.Encode()];
}
