namespace Processor.Bitcoin.Serialization;

/// <summary>
/// Bytes that are not a valid serialization: truncated, oversized, non-canonical or with bytes left over. The message names
/// what was being read and <see cref="Offset"/> says where (from the start of the parsed buffer).
/// </summary>
public sealed class BitcoinFormatException : FormatException
{
    public BitcoinFormatException(string message, long offset)
        : base($"{message} (at byte offset {offset})")
    {
        Offset = offset;
    }

    public BitcoinFormatException()
    {
    }

    public BitcoinFormatException(string message)
        : base(message)
    {
    }

    public BitcoinFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where in the parsed buffer the problem is.</summary>
    public long Offset { get; }
}
