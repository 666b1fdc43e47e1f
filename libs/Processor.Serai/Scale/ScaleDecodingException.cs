namespace Processor.Serai.Scale;

/// <summary>Bytes that are not a valid SCALE encoding of the expected type; the message says what is wrong and where.</summary>
public sealed class ScaleDecodingException(string message) : FormatException(message);
