using Processor.Monero.Crypto;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// The seeds every validator derives from a plan's id, so that all pick the same decoys and all signers build the same
/// transaction (Serai derives its r-seed from the plan's transcript likewise).
/// The r-seed reveals every amount of the transaction, and the eventuality bytes hold it; they travel only on internal
/// topics (scheduler plans, scanner eventualities) that already carry every amount of the plan (its inputs, payments and
/// change), so they reveal nothing new. Neither seed is a secret of the spend key: knowing them signs nothing.
/// </summary>
public static class MoneroPlanSeeds
{
    private static readonly byte[] DecoyDomain = "Processor.Monero plan decoy seed"u8.ToArray();
    private static readonly byte[] RSeedDomain = "Processor.Monero plan r-seed"u8.ToArray();

    /// <summary>The seed of the plan's decoy selection.</summary>
    public static byte[] DecoySeed(ReadOnlySpan<byte> planId) => MoneroHash.Keccak(DecoyDomain, planId.ToArray());

    /// <summary>The r-seed of the plan's transaction (its transaction keys, output order, range-proof randomness).</summary>
    public static byte[] RSeed(ReadOnlySpan<byte> planId) => MoneroHash.Keccak(RSeedDomain, planId.ToArray());
}
