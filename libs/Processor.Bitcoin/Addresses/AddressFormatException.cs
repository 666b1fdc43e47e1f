namespace Processor.Bitcoin.Addresses;

/// <summary>A string that is not a valid address (or bech32 string) for the expected network; the message says why.</summary>
public sealed class AddressFormatException : FormatException
{
    public AddressFormatException()
    {
    }

    public AddressFormatException(string message)
        : base(message)
    {
    }

    public AddressFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
