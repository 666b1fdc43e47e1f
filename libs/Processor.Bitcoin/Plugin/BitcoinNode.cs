using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>The node primitives over a bitcoind-compatible node's JSON-RPC.</summary>
public sealed class BitcoinNode(BitcoinRpcClient rpc, BitcoinNetwork network) : INetworkNode
{
    // getblockhash's answer to a height above the tip (RPC_INVALID_PARAMETER).
    private const int HeightOutOfRange = -8;

    private volatile bool _chainChecked;

    public async Task EnsureConfiguredChainAsync(CancellationToken cancellationToken)
    {
        if (_chainChecked)
        {
            return;
        }

        var genesis = Hash256.Parse(await rpc.GetBlockHashAsync(0, cancellationToken));
        _chainChecked = genesis == network.GenesisHash
            ? true
            : throw new WrongChainException(
                $"the node serves another chain: its genesis block is {genesis}, the configured network '{network.Name}' " +
                $"(Bitcoin:Network) starts with {network.GenesisHash}");
    }

    public Task<long> GetTipHeightAsync(CancellationToken cancellationToken) => rpc.GetBlockCountAsync(cancellationToken);

    public async Task<ChainBlock?> GetBlockHeaderAsync(long height, CancellationToken cancellationToken)
    {
        string hash;
        try
        {
            hash = await rpc.GetBlockHashAsync(height, cancellationToken);
        }
        catch (BitcoinRpcException ex) when (ex.Code == HeightOutOfRange)
        {
            return null;
        }

        var header = await rpc.GetBlockHeaderAsync(hash, cancellationToken);
        if (header.Height != height)
        {
            throw new BitcoinRpcException(RpcErrorKind.MalformedAnswer, "getblockheader", $"block {hash} is at height {header.Height}, not {height}");
        }

        return new ChainBlock(
            height,
            Hash256.Parse(header.Hash).ToArray(),
            header.PreviousBlockHash is { } parent ? Hash256.Parse(parent).ToArray() : [],
            header.Time,
            header.MedianTime);
    }

    public async Task<BlockPosition> GetPositionAsync(byte[] blockId, CancellationToken cancellationToken)
    {
        try
        {
            var header = await rpc.GetBlockHeaderAsync(new Hash256(blockId).ToString(), cancellationToken);
            return header.IsOnBestChain ? BlockPosition.OnBestChain : BlockPosition.OffBestChain;
        }
        catch (BitcoinRpcException ex) when (ex.Kind == RpcErrorKind.NotFound)
        {
            return BlockPosition.Unknown;
        }
    }

    public async Task<NetworkBlock> GetBlockAsync(ChainBlock header, CancellationToken cancellationToken)
    {
        var hash = new Hash256(header.Id);
        var block = Block.Parse(await rpc.GetBlockAsync(hash.ToString(), cancellationToken));
        if (block.Hash != hash)
        {
            throw new BitcoinRpcException(RpcErrorKind.MalformedAnswer, "getblock", $"the node sent block {block.Hash} for {hash}");
        }

        block.Verify(network);
        return new BitcoinBlock(header, block);
    }

    public string DisplayBlockId(byte[] blockId) => new Hash256(blockId).ToString();

    public async Task PublishTransactionAsync(ReadOnlyMemory<byte> transaction, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.SendRawTransactionAsync(transaction, cancellationToken);
        }
        catch (BitcoinRpcException ex) when (ex.Kind == RpcErrorKind.AlreadyKnown)
        {
            // Serai's rule: a transaction already in the mempool or the chain is published.
        }
    }
}
