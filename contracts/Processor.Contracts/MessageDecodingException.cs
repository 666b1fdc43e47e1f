namespace Processor.Contracts;

/// <summary>
/// A record's value could not be turned into a message. Consumers treat it as a poison message: it goes to the
/// dead-letter topic with <see cref="Exception.Message"/> as the reason.
/// </summary>
public class MessageDecodingException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MessageDecodingException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MessageDecodingException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MessageDecodingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The message type (Protobuf full name) that was asked for, if known.</summary>
    public string? MessageType { get; init; }
}

/// <summary>The message type named by a record (its <c>event-type</c> header) is not defined in <c>schemas/</c>.</summary>
public sealed class UnknownMessageTypeException : MessageDecodingException
{
    /// <summary>Creates the exception.</summary>
    public UnknownMessageTypeException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public UnknownMessageTypeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public UnknownMessageTypeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The bytes are not a valid encoding of the named message type. When raised by a parse, the inner exception is
/// Google.Protobuf's <see cref="Google.Protobuf.InvalidProtocolBufferException"/>.
/// </summary>
public sealed class MalformedMessageException : MessageDecodingException
{
    /// <summary>Creates the exception.</summary>
    public MalformedMessageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public MalformedMessageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public MalformedMessageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
