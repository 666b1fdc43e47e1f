namespace Processor.Serai.Scale;

/// <summary>The ranges of the compact integer modes (single-byte, two-byte, four-byte, big-integer).</summary>
public static class ScaleCompact
{
    public const ulong MaxSingleByte = 63;
    public const ulong MaxTwoByte = 16_383;
    public const ulong MaxFourByte = (1UL << 30) - 1;

    /// <summary>Number of bytes the canonical encoding of <paramref name="value"/> takes.</summary>
    public static int EncodedLength(ulong value) => value switch
    {
        <= MaxSingleByte => 1,
        <= MaxTwoByte => 2,
        <= MaxFourByte => 4,
        _ => 1 + ((64 - System.Numerics.BitOperations.LeadingZeroCount(value) + 7) / 8),
    };
}
