using Processor.Monero.Blocks;
using Processor.Monero.Rpc;
using Processor.Monero.Serialization;
using Processor.Monero.Transactions;

namespace Processor.Networks.Plugins.Monero;

/// <summary>The node primitives over monerod's JSON RPC. Block ids are the node's hashes as bytes (Monero does not reverse them).</summary>
public sealed class MoneroNode(MoneroRpcClient rpc, MoneroChain chain) : INetworkNode
{
    private volatile bool _chainChecked;

    public async Task EnsureConfiguredChainAsync(CancellationToken cancellationToken)
    {
        if (_chainChecked)
        {
            return;
        }

        var info = await rpc.GetInfoAsync(cancellationToken);
        _chainChecked = info.NetworkType == chain.NodeNetworkType
            ? true
            : throw new WrongChainException(
                $"the node serves another chain: its network type is '{info.NetworkType}', the configured network '{chain.Name}' " +
                $"(Monero:Network:Name) is '{chain.NodeNetworkType}'");
    }

    public async Task<long> GetTipHeightAsync(CancellationToken cancellationToken) => await rpc.GetBlockCountAsync(cancellationToken) - 1;

    public async Task<ChainBlock?> GetBlockHeaderAsync(long height, CancellationToken cancellationToken)
    {
        MoneroBlockInfo block;
        try
        {
            block = await rpc.GetBlockAsync(height, cancellationToken);
        }
        catch (MoneroRpcException ex) when (ex.Kind == MoneroRpcErrorKind.NotFound)
        {
            return null;
        }

        if (block.Height != height)
        {
            throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, "get_block", $"block {block.Hash} is at height {block.Height}, not {height}");
        }

        IReadOnlyList<ulong> window = height + 1 < MoneroBlockTime.Window
            ? []
            : await rpc.GetBlockTimestampsAsync(height - (MoneroBlockTime.Window - 1), height, cancellationToken);
        return new ChainBlock(
            height,
            Convert.FromHexString(block.Hash),
            height == 0 ? [] : Convert.FromHexString(block.PreviousHash),
            block.Timestamp,
            MoneroBlockTime.Monotonic(height, window));
    }

    public async Task<BlockPosition> GetPositionAsync(byte[] blockId, CancellationToken cancellationToken)
    {
        MoneroBlockInfo block;
        try
        {
            block = await rpc.GetBlockAsync(DisplayBlockId(blockId), cancellationToken);
        }
        catch (MoneroRpcException ex) when (ex.Kind == MoneroRpcErrorKind.NotFound)
        {
            return BlockPosition.Unknown;
        }

        try
        {
            var onBestChain = await rpc.GetBlockAsync(block.Height, cancellationToken);
            return onBestChain.Hash == block.Hash ? BlockPosition.OnBestChain : BlockPosition.OffBestChain;
        }
        catch (MoneroRpcException ex) when (ex.Kind == MoneroRpcErrorKind.NotFound)
        {
            // Known, but the best chain is shorter than its height: it was reorganized away.
            return BlockPosition.OffBestChain;
        }
    }

    public async Task<NetworkBlock> GetBlockAsync(ChainBlock header, CancellationToken cancellationToken)
    {
        var hash = DisplayBlockId(header.Id);
        var info = await rpc.GetBlockAsync(hash, cancellationToken);
        MoneroBlock block;
        try
        {
            block = MoneroBlock.Parse(info.Blob);
        }
        catch (MoneroFormatException ex)
        {
            throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, "get_block", $"block {hash} does not parse: {ex.Message}", innerException: ex);
        }

        if (!block.Hash().AsSpan().SequenceEqual(header.Id) || (long)block.Height != header.Height)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorKind.MalformedAnswer, "get_block", $"the node sent block {Convert.ToHexStringLower(block.Hash())} at height {block.Height} for {hash} at {header.Height}");
        }

        var hashes = block.TransactionHashes.Select(Convert.ToHexStringLower).ToList();
        var found = hashes.Count == 0 ? [] : await rpc.GetTransactionsAsync(hashes, cancellationToken);
        return new MoneroNetworkBlock(header, block, [.. found.Select((t, i) => Checked(t, hashes[i]))]);
    }

    public string DisplayBlockId(byte[] blockId) => Convert.ToHexStringLower(blockId);

    public async Task PublishTransactionAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken)
    {
        // Serai's rule: a transaction already in the pool or the chain is published (the node answers OK, not relayed).
        var verdict = await rpc.SendRawTransactionAsync(transaction, cancellationToken);
        if (!verdict.IsSuccess)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorKind.Rejected, "send_raw_transaction", $"refused ({verdict.Outcome}: {verdict.Reason}; {string.Join(", ", verdict.Flags)})");
        }
    }

    private static IndexedTransaction Checked(MoneroTransactionInfo info, string hash)
    {
        MoneroTransaction transaction;
        try
        {
            transaction = MoneroTransaction.Parse(info.Blob);
        }
        catch (MoneroFormatException ex)
        {
            throw new MoneroRpcException(MoneroRpcErrorKind.MalformedAnswer, "get_transactions", $"transaction {hash} does not parse: {ex.Message}", innerException: ex);
        }

        if (Convert.ToHexStringLower(transaction.Hash()) != hash || info.OutputIndices.Count != transaction.Prefix.Outputs.Count)
        {
            throw new MoneroRpcException(
                MoneroRpcErrorKind.MalformedAnswer, "get_transactions", $"the node sent other bytes or output indices for transaction {hash}");
        }

        return new IndexedTransaction(transaction, info.OutputIndices);
    }
}
