using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>BlockHash</c> of an external block: 32 bytes (Bitcoin: the hash in display/RPC order, §2).</summary>
public sealed class BlockHash(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, Size, Size)
{
    public const int Size = 32;

    public void WriteTo(ScaleWriter writer) => writer.WriteBytes(Span);

    public static BlockHash Read(ref ScaleReader reader) => new(reader.ReadBytes(Size));
}
