namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A key-generation session cannot produce keys; the message says why.</summary>
public sealed class KeyGenerationFailedException : Exception
{
    public KeyGenerationFailedException()
    {
    }

    public KeyGenerationFailedException(string message)
        : base(message)
    {
    }

    public KeyGenerationFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
