namespace Processor.Messaging.Consuming;

/// <summary>
/// Thrown by a handler when the input itself is invalid (an invariant it violates, not a failure of ours): the record goes
/// straight to the dead-letter topic with <see cref="Exception.Message"/> as the reason, and the partition moves on.
/// </summary>
public sealed class PoisonMessageException : Exception
{
    public PoisonMessageException()
    {
    }

    public PoisonMessageException(string reason)
        : base(reason)
    {
    }

    public PoisonMessageException(string reason, Exception innerException)
        : base(reason, innerException)
    {
    }
}
