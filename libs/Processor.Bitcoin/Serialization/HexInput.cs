namespace Processor.Bitcoin.Serialization;

/// <summary>Hex text as produced by bitcoind and block explorers: surrounding white space ignored, either case.</summary>
public static class HexInput
{
    public static byte[] Decode(string hex, string what)
    {
        var trimmed = hex.AsSpan().Trim();
        if (trimmed.Length % 2 != 0)
        {
            throw new BitcoinFormatException($"The {what} hex has an odd number of digits ({trimmed.Length})");
        }

        try
        {
            return Convert.FromHexString(trimmed);
        }
        catch (FormatException ex)
        {
            throw new BitcoinFormatException($"The {what} hex contains a character that is not a hex digit", ex);
        }
    }
}
