using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>ExternalAddress</c>: an address on an external network as raw bytes, at most 196 (<c>BoundedVec&lt;u8, 196&gt;</c>).</summary>
public sealed class ExternalAddress(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, 0, MaxLength)
{
    /// <summary>Serai's <c>MAX_ADDRESS_LEN</c>.</summary>
    public const int MaxLength = 196;

    public void WriteTo(ScaleWriter writer) => writer.WriteLengthPrefixed(Span);

    public static ExternalAddress Read(ref ScaleReader reader) => new(reader.ReadBoundedBytes(MaxLength, nameof(ExternalAddress)));
}
