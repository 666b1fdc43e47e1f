namespace Processor.Monero.Sending;

/// <summary>
/// A fee per unit of weight and the quantization mask fees are rounded up to (monerod's <c>get_fee_estimate</c> gives
/// both): fee = ⌈per_weight·weight / mask⌉·mask, as wallet2 computes it and monerod checks it.
/// </summary>
public sealed record FeeRate
{
    /// <param name="perWeight">Atomic units per unit of weight; positive.</param>
    /// <param name="mask">The quantization mask; positive.</param>
    public FeeRate(ulong perWeight, ulong mask)
    {
        ArgumentOutOfRangeException.ThrowIfZero(perWeight);
        ArgumentOutOfRangeException.ThrowIfZero(mask);
        PerWeight = perWeight;
        Mask = mask;
    }

    /// <summary>Atomic units per unit of weight.</summary>
    public ulong PerWeight { get; }

    /// <summary>Fees are multiples of this.</summary>
    public ulong Mask { get; }

    /// <summary>The fee for a transaction of <paramref name="weight"/>; throws <see cref="OverflowException"/> past 2⁶⁴.</summary>
    public ulong FeeFor(ulong weight)
    {
        var product = (UInt128)PerWeight * weight;
        return checked((ulong)((product + Mask - 1) / Mask * Mask));
    }
}
