namespace Processor.Monero.Serialization;

/// <summary>Monero bytes that do not parse: the message names what was being read and what is wrong with it.</summary>
public sealed class MoneroFormatException : FormatException
{
    /// <summary>An exception with a message naming the field and the problem.</summary>
    public MoneroFormatException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with a message and the error it wraps.</summary>
    public MoneroFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>An exception without details (serialization support; prefer the overloads with a message).</summary>
    public MoneroFormatException()
    {
    }
}
