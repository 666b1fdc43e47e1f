using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>SeraiAddress</c>: a 32-byte sr25519 public key.</summary>
public sealed class SeraiAddress(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, Size, Size)
{
    public const int Size = 32;

    public void WriteTo(ScaleWriter writer) => writer.WriteBytes(Span);

    public static SeraiAddress Read(ref ScaleReader reader) => new(reader.ReadBytes(Size));
}
