using Processor.Bitcoin.Networks;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>Serai's Bitcoin planning limits (serai-processor.md §5).</summary>
public static class BitcoinPlanning
{
    /// <summary>Serai's MAX_INPUTS and MAX_OUTPUTS for Bitcoin: a transaction of this many stays under the standard weight.</summary>
    public const int MaxInputsOrOutputs = 520;

    /// <summary>Bitcoin Core's relay dust for the largest standard output (P2PKH): smaller change is left to the fee.</summary>
    public const ulong MinimumChange = 546;

    /// <summary>The limits on <paramref name="network"/>: its dust, and change under the relay dust left to the fee.</summary>
    public static PlanningLimits Limits(BitcoinNetwork network) =>
        new(MaxInputsOrOutputs, MaxInputsOrOutputs, (ulong)network.DustThreshold, MinimumChange);
}
