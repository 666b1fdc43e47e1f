using Processor.Monero.Blocks;
using Processor.Monero.Transactions;

namespace Processor.Networks.Plugins.Monero;

/// <summary>A block's transaction with the global (amount-0) index of each of its outputs, which a spend's ring refers to.</summary>
/// <param name="Transaction">The parsed transaction, checked against its id.</param>
/// <param name="GlobalOutputIndices">One index per output, in output order.</param>
public sealed record IndexedTransaction(MoneroTransaction Transaction, IReadOnlyList<ulong> GlobalOutputIndices);

/// <summary>A Monero block fetched and verified by <see cref="MoneroNode"/>: its header, and its transactions in block order.</summary>
/// <param name="header">The identity the scanner indexes it under.</param>
/// <param name="block">The parsed block (its id was checked against <paramref name="header"/>).</param>
/// <param name="transactions">Its transactions other than the miner's, in block order (miner outputs are timelocked: never Serai's).</param>
public sealed class MoneroNetworkBlock(ChainBlock header, MoneroBlock block, IReadOnlyList<IndexedTransaction> transactions) : NetworkBlock(header)
{
    /// <summary>The parsed block.</summary>
    public MoneroBlock Block { get; } = block;

    /// <summary>The transactions other than the miner's, in block order.</summary>
    public IReadOnlyList<IndexedTransaction> Transactions { get; } = transactions;

    /// <summary>The plug-in's own block, or a clear error when another plug-in's block is handed over.</summary>
    public static MoneroNetworkBlock From(NetworkBlock block) => block as MoneroNetworkBlock
        ?? throw new ArgumentException($"A {block?.GetType().Name ?? "null"} is not a Monero block.", nameof(block));
}
