namespace Processor.Scanner.Scanning;

/// <summary>
/// The node lags behind the scanner's index (its chain is shorter, or it does not know an indexed block yet). Never a reorg:
/// the scanner reports itself unhealthy and waits for the node.
/// </summary>
public sealed class NodeBehindException : Exception
{
    public NodeBehindException()
    {
    }

    public NodeBehindException(string message)
        : base("node is behind: " + message)
    {
    }

    public NodeBehindException(string message, Exception innerException)
        : base("node is behind: " + message, innerException)
    {
    }
}
