namespace Processor.Networks.Plugins.Monero;

/// <summary>Serai's Monero planning limits (monero.md §2b).</summary>
public static class MoneroPlanning
{
    /// <summary>Serai's MAX_INPUTS: wallet2 keeps a transaction under 100 kB, about 124 CLSAG ring-16 inputs.</summary>
    public const int MaxInputs = 120;

    /// <summary>Serai's MAX_OUTPUTS: the most outputs one Bulletproofs+ proof covers.</summary>
    public const int MaxOutputs = 16;

    /// <summary>Serai's DUST: 0.01 XMR in piconero.</summary>
    public const ulong Dust = 10_000_000_000;

    /// <summary>
    /// Change under the dust is left to the fee: Monero has no relay dust, but such change would cost more in fees to spend
    /// than it is worth.
    /// </summary>
    public static PlanningLimits Limits { get; } = new(MaxInputs, MaxOutputs, Dust, MinimumChange: Dust);
}
