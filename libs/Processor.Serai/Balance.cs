using Processor.Serai.Scale;

namespace Processor.Serai;

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
