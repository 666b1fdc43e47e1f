using Processor.Serai.Scale;

namespace Processor.Serai;

/// <summary>Serai's <c>NetworkId</c>: a one-byte enum, the index being the SCALE encoding.</summary>
public enum NetworkId : byte
{
    Serai = 0,
    Bitcoin = 1,
    Ethereum = 2,
    Monero = 3,
}

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

/// <summary>Serai's <c>Amount</c>: a u64 in the coin's smallest unit (Bitcoin: satoshis).</summary>
public readonly record struct Amount(ulong Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>Serai's <c>Balance</c>: <c>coin ‖ amount</c>, 9 bytes.</summary>
public readonly record struct Balance(Coin Coin, Amount Amount)
{
    public const int EncodedLength = 9;

    public void WriteTo(ScaleWriter writer)
    {
        writer.Write(Coin);
        writer.WriteU64(Amount.Value);
    }

    public static Balance Read(ref ScaleReader reader) => new(reader.ReadCoin(), new Amount(reader.ReadU64()));
}

/// <summary>Serai's <c>SeraiAddress</c>: a 32-byte sr25519 public key.</summary>
public sealed class SeraiAddress(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, Size, Size)
{
    public const int Size = 32;

    public void WriteTo(ScaleWriter writer) => writer.WriteBytes(Span);

    public static SeraiAddress Read(ref ScaleReader reader) => new(reader.ReadBytes(Size));
}

/// <summary>Serai's <c>BlockHash</c> of an external block: 32 bytes (Bitcoin: the hash in display/RPC order, §2).</summary>
public sealed class BlockHash(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, Size, Size)
{
    public const int Size = 32;

    public void WriteTo(ScaleWriter writer) => writer.WriteBytes(Span);

    public static BlockHash Read(ref ScaleReader reader) => new(reader.ReadBytes(Size));
}

/// <summary>Serai's <c>ExternalAddress</c>: an address on an external network as raw bytes, at most 196 (<c>BoundedVec&lt;u8, 196&gt;</c>).</summary>
public sealed class ExternalAddress(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, 0, MaxLength)
{
    /// <summary>Serai's <c>MAX_ADDRESS_LEN</c>.</summary>
    public const int MaxLength = 196;

    public void WriteTo(ScaleWriter writer) => writer.WriteLengthPrefixed(Span);

    public static ExternalAddress Read(ref ScaleReader reader) => new(reader.ReadBoundedBytes(MaxLength, nameof(ExternalAddress)));
}

/// <summary>Serai's <c>Data</c>: opaque bytes, at most 512 (<c>BoundedVec&lt;u8, 512&gt;</c>).</summary>
public sealed class Data(ReadOnlySpan<byte> bytes) : SeraiBytes(bytes, 0, MaxLength)
{
    /// <summary>Serai's <c>MAX_DATA_LEN</c>.</summary>
    public const int MaxLength = 512;

    public void WriteTo(ScaleWriter writer) => writer.WriteLengthPrefixed(Span);

    public static Data Read(ref ScaleReader reader) => new(reader.ReadBoundedBytes(MaxLength, nameof(Data)));
}
