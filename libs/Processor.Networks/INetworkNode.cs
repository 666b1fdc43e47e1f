namespace Processor.Networks;

/// <summary>
/// The network's node. Failures throw; <see cref="INodeErrorClassifier"/> tells transient ones (worth waiting for) from
/// the others. Messages never contain the node's credentials.
/// </summary>
public interface INetworkNode
{
    /// <summary>Throws <see cref="WrongChainException"/> unless the node serves the configured network (e.g. its genesis block).</summary>
    Task EnsureConfiguredChainAsync(CancellationToken cancellationToken);

    /// <summary>Height of the node's best chain tip.</summary>
    Task<long> GetTipHeightAsync(CancellationToken cancellationToken);

    /// <summary>The block at <paramref name="height"/> on the node's best chain, or null when its chain is not that long.</summary>
    Task<ChainBlock?> GetBlockHeaderAsync(long height, CancellationToken cancellationToken);

    /// <summary>Whether the block with <paramref name="blockId"/> is on the node's best chain, off it, or unknown to the node.</summary>
    Task<BlockPosition> GetPositionAsync(byte[] blockId, CancellationToken cancellationToken);

    /// <summary>The whole block <paramref name="header"/> names, checked against it (id, height, contents).</summary>
    Task<NetworkBlock> GetBlockAsync(ChainBlock header, CancellationToken cancellationToken);

    /// <summary>A block id as the network's own tools show it, for messages (Bitcoin: byte-reversed hex).</summary>
    string DisplayBlockId(byte[] blockId);

    /// <summary>Broadcasts a signed transaction; one the node already has (mempool or chain) counts as published.</summary>
    Task PublishTransactionAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken);
}

/// <summary>The node serves another chain than the configured network.</summary>
public sealed class WrongChainException : Exception
{
    public WrongChainException()
    {
    }

    public WrongChainException(string message)
        : base(message)
    {
    }

    public WrongChainException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Tells node failures worth retrying (unreachable, warming up, timeouts, 5xx) from those that are not.</summary>
public interface INodeErrorClassifier
{
    /// <summary>Whether <paramref name="failure"/> is transient: retrying later without limit can resolve it.</summary>
    bool IsTransient(Exception failure);
}
