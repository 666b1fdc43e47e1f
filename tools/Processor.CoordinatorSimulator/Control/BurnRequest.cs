using Google.Protobuf;
using Processor.Contracts.Common.V1;

namespace Processor.CoordinatorSimulator.Control;

/// <summary>One burn of <c>POST /burns</c>: coins burnt on Serai, to be paid out on the external network.</summary>
/// <param name="Coin">The coin (e.g. <c>Bitcoin</c>).</param>
/// <param name="Amount">The amount, in the coin's smallest unit.</param>
/// <param name="Destination">The destination address's raw bytes, hex (Bitcoin: the scriptPubKey to pay).</param>
/// <param name="Data">Optional data for the payment, hex.</param>
public sealed record BurnRequest(Coin Coin, ulong Amount, string Destination, string? Data = null)
{
    /// <summary>The contract's <see cref="Burn"/>.</summary>
    /// <exception cref="FormatException">A field is not usable; the message names it.</exception>
    public Burn ToBurn()
    {
        if (Coin == Coin.Unspecified || !Enum.IsDefined(Coin))
        {
            throw new FormatException($"coin '{Coin}' is not a coin (e.g. Bitcoin).");
        }

        if (Amount == 0)
        {
            throw new FormatException("amount must be positive.");
        }

        return new Burn { Coin = Coin, Amount = Amount, Destination = Hex(Destination, nameof(Destination)), Data = Hex(Data ?? "", nameof(Data)) };
    }

    private static ByteString Hex(string text, string field)
    {
        try
        {
            return ByteString.CopyFrom(Convert.FromHexString(text));
        }
        catch (FormatException)
        {
            throw new FormatException($"{field.ToLowerInvariant()} must be hex, got '{text}'.");
        }
    }
}
