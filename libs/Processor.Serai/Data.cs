using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>Data</c>: opaque bytes, at most 512 (<c>BoundedVec&lt;u8, 512&gt;</c>).</summary>
public sealed class Data(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, 0, MaxLength)
{
    /// <summary>Serai's <c>MAX_DATA_LEN</c>.</summary>
    public const int MaxLength = 512;

    public void WriteTo(ScaleWriter writer) => writer.WriteLengthPrefixed(Span);

    public static Data Read(ref ScaleReader reader) => new(reader.ReadBoundedBytes(MaxLength, nameof(Data)));
}
