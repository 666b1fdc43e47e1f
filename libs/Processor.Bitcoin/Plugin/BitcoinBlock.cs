using Processor.Bitcoin.Blocks;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>A parsed, verified Bitcoin block with the identity the scanner indexes it under.</summary>
public sealed class BitcoinBlock(ChainBlock header, Block block) : NetworkBlock(header)
{
    /// <summary>The block's transactions and header.</summary>
    public Block Block { get; } = block;

    /// <summary>The plug-in's own block, or a clear error when another plug-in's block is handed over.</summary>
    public static BitcoinBlock From(NetworkBlock block) => block as BitcoinBlock
        ?? throw new ArgumentException($"A {block?.GetType().Name ?? "null"} is not a Bitcoin block.", nameof(block));
}
