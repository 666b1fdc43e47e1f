using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>The outputs of a plan once its fee is shared out.</summary>
/// <param name="Entries">The entries paid, in order.</param>
/// <param name="DroppedEntries">The entries dropped because their share would leave them under dust.</param>
/// <param name="Share">What each entry pays towards the fee (deducted from its amount).</param>
/// <param name="Change">The change amount, or null when the plan has no change output.</param>
internal sealed record AmortizedPlan(IReadOnlyList<TreeEntry> Entries, IReadOnlyList<TreeEntry> DroppedEntries, ulong Share, ulong? Change);

/// <summary>
/// Shares a plan's fee over its outputs (Serai's <c>amortize_fee</c>): each output pays the same share, rounded up;
/// an output left under dust by its share is dropped and the fee recomputed until nothing more drops.
/// </summary>
internal static class FeeAmortization
{
    /// <summary>
    /// Settles <paramref name="entries"/> against inputs worth <paramref name="inputTotal"/>. With <c>C</c> = inputs less
    /// entries: change of <c>C</c> is created when <c>C ≥ MinimumChange</c> and the entries pay the whole fee; otherwise
    /// <c>C</c> (if positive) goes to the fee and the entries pay the rest, and a negative <c>C</c> (a Branch output that
    /// came out smaller than its payments, after its own plan's share) is owed by them too: <c>expected − actual</c>.
    /// Returns null when every entry would be dropped: the plan cannot pay its fee at this rate.
    /// </summary>
    /// <param name="feeOf">The fee of the transaction with these entries, and a change output when the flag is set.</param>
    public static AmortizedPlan? Settle(
        IReadOnlyList<TreeEntry> entries, ulong inputTotal, PlanningLimits limits, Func<IReadOnlyList<TreeEntry>, bool, ulong> feeOf)
    {
        var kept = entries.ToList();
        var dropped = new List<TreeEntry>();
        while (kept.Count > 0)
        {
            var leftover = (Int128)inputTotal - kept.Aggregate(Int128.Zero, (sum, e) => sum + e.Amount);
            var withChange = leftover >= limits.MinimumChange;
            var fee = (Int128)feeOf(kept, withChange);
            var owed = withChange ? fee : Int128.Max(fee - leftover, 0);
            var share = (owed + kept.Count - 1) / kept.Count;
            var underDust = kept.Where(e => e.Amount < share + limits.Dust).ToList();
            if (underDust.Count == 0)
            {
                return new AmortizedPlan(kept, dropped, (ulong)share, withChange ? (ulong)leftover : null);
            }

            dropped.AddRange(underDust);
            kept.RemoveAll(underDust.Contains);
        }

        return null;
    }
}
