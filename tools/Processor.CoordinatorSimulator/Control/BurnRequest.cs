using Google.Protobuf;
using Processor.Contracts.Common.V1;

namespace Processor.CoordinatorSimulator.Control;

/// <summary>One burn of <c>POST /burns</c>: coins burnt on Serai, to be paid out on the external network.</summary>
/// <param name="Coin">The coin (e.g. <c>Bitcoin</c>).</param>
/// <param name="Amount">The amount, in the coin's smallest unit.</param>
/// <param name="Destination">
/// The destination as Serai's <c>ExternalAddress</c> bytes, hex, without a length prefix (Bitcoin: serai-chain-formats.md §7, e.g.
/// <c>00</c> ‖ hash160 for P2PKH, <c>04</c> ‖ x-only key for P2TR).
/// </param>
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

        if (Destination is null || Destination.Length == 0 || Destination.Length > 2 * Processor.Serai.ExternalAddress.MaxLength)
        {
            throw new FormatException($"destination must be 1 to {Processor.Serai.ExternalAddress.MaxLength} bytes of hex (an ExternalAddress).");
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
