namespace Processor.Networks;

/// <summary>What names a network and when its blocks are final.</summary>
/// <param name="Name">The plug-in's name, the first part of <c>Processor:Network</c> (e.g. <c>bitcoin</c>).</param>
/// <param name="SeraiNetworkId">Serai's <c>NetworkId</c> of the network (Bitcoin 1, Ethereum 2, Monero 3).</param>
/// <param name="SeraiCoin">Serai's <c>Coin</c> of the network's native coin (Bitcoin 1, Monero 4).</param>
/// <param name="Confirmations">The finality rule: a block is final once this many blocks (itself included) are on it.</param>
public sealed record NetworkParameters(string Name, int SeraiNetworkId, int SeraiCoin, int Confirmations)
{
    /// <summary>The highest final height when the node's tip is at <paramref name="tipHeight"/> (negative: none yet).</summary>
    public long FinalizedHeight(long tipHeight) => tipHeight - (Confirmations - 1);
}
