namespace Processor.Networks;

/// <summary>A block as the scanner indexes it. Ids are opaque bytes in the network's own byte order.</summary>
/// <param name="Height">Its height (genesis 0).</param>
/// <param name="Id">Its id (Bitcoin: the block hash).</param>
/// <param name="ParentId">Its parent's id; empty for the genesis block.</param>
/// <param name="Time">The time the block states (Bitcoin: the header time; may go backwards).</param>
/// <param name="MonotonicTime">A time that never decreases along a chain (Bitcoin: median time past); keys activate by it.</param>
public sealed record ChainBlock(long Height, byte[] Id, byte[] ParentId, DateTimeOffset Time, DateTimeOffset MonotonicTime);

/// <summary>A whole block fetched from the node, whose contents only its plug-in reads.</summary>
public abstract class NetworkBlock(ChainBlock header)
{
    /// <summary>The block's identity and times.</summary>
    public ChainBlock Header { get; } = header;
}

/// <summary>Where the node places a block.</summary>
public enum BlockPosition
{
    /// <summary>On the node's best chain.</summary>
    OnBestChain,

    /// <summary>Known to the node but no longer on its best chain: a reorganization.</summary>
    OffBestChain,

    /// <summary>Not known to the node (yet): the node lags behind; this alone is never a reorganization.</summary>
    Unknown,
}
