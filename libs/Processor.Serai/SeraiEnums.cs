using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>Coin</c>: a one-byte enum, the index being the SCALE encoding.</summary>
public enum Coin : byte
{
    Serai = 0,
    Bitcoin = 1,
    Ether = 2,
    Dai = 3,
    Monero = 4,
}

/// <summary>Reading and writing the enums, and which network a coin lives on.</summary>
public static class SeraiEnums
{
    private const int NetworkCount = 4;
    private const int CoinCount = 5;

    /// <summary>The network a coin is native to (Ether and Dai: Ethereum).</summary>
    public static NetworkId Network(this Coin coin) => coin switch
    {
        Coin.Serai => NetworkId.Serai,
        Coin.Bitcoin => NetworkId.Bitcoin,
        Coin.Ether or Coin.Dai => NetworkId.Ethereum,
        Coin.Monero => NetworkId.Monero,
        _ => throw new ArgumentOutOfRangeException(nameof(coin), coin, "not a Serai coin"),
    };

    public static void Write(this ScaleWriter writer, NetworkId network) => writer.WriteByte(Index(network));

    public static void Write(this ScaleWriter writer, Coin coin) => writer.WriteByte(Index(coin));

    public static NetworkId ReadNetworkId(ref this ScaleReader reader) => (NetworkId)reader.ReadEnumIndex(nameof(NetworkId), NetworkCount);

    public static Coin ReadCoin(ref this ScaleReader reader) => (Coin)reader.ReadEnumIndex(nameof(Coin), CoinCount);

    internal static byte Index(NetworkId network) => Enum.IsDefined(network)
        ? (byte)network
        : throw new ArgumentOutOfRangeException(nameof(network), network, "not a Serai network");

    internal static byte Index(Coin coin) => Enum.IsDefined(coin)
        ? (byte)coin
        : throw new ArgumentOutOfRangeException(nameof(coin), coin, "not a Serai coin");
}
