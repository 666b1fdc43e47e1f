using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>
/// One key's scheduler state, an immutable snapshot: what the service stores as rows and hands to
/// <see cref="UtxoPlanner.Schedule"/> with each acknowledgement.
/// </summary>
/// <param name="NetworkKey">The key in its published form (Bitcoin: 32-byte x-only).</param>
/// <param name="Utxos">The pool: acknowledged outputs not yet spent by a plan (any order; the engine sorts).</param>
/// <param name="Queue">Payments waiting for coins, first in first out.</param>
/// <param name="Branches">Payments waiting for a Branch output of one of this key's plans, oldest first (the order amounts are matched in).</param>
public sealed record KeySchedule(
    byte[] NetworkKey, IReadOnlyList<PlannedInput> Utxos, IReadOnlyList<Payment> Queue, IReadOnlyList<PendingBranch> Branches)
{
    /// <summary>A key's state before anything was acknowledged for it.</summary>
    public static KeySchedule Empty(byte[] networkKey) => new(networkKey, [], [], []);
}

/// <summary>
/// Payments waiting for a Branch output that one of the key's plans creates: when that output is acknowledged, a plan
/// spending it pays them. The output is recognised by its place when the plug-in knows it at planning (Bitcoin: the plan's
/// txid and the output's index), else by its amount (Monero, whose txid depends on who signs): see README.md, "Branch outputs".
/// </summary>
/// <param name="PlanId">The plan that creates the Branch output.</param>
/// <param name="Position">The output's position among that plan's outputs (its payments, then its change), before any shuffle.</param>
/// <param name="Output">
/// Where the output is: known from planning (<see cref="Processor.Networks.PlannedEventuality.Outputs"/>), or once it arrived;
/// null while neither.
/// </param>
/// <param name="Amount">The Branch output's amount (after its share of its plan's fee).</param>
/// <param name="Payments">The payments it funds, at the amounts asked for; their plan spreads the difference and its own fee over them.</param>
/// <param name="Arrived">
/// Whether the output was acknowledged while its plan could not pay its fee (then it waits here, with its payments, for a
/// later acknowledgement's fee rate).
/// </param>
public sealed record PendingBranch(byte[] PlanId, int Position, OutputReference? Output, ulong Amount, IReadOnlyList<Payment> Payments, bool Arrived)
{
    /// <summary>Once arrived: the output's spend data as acknowledged (<see cref="PlannedInput.SpendData"/>), for the plan that spends it.</summary>
    public byte[] SpendData { get; init; } = [];

    /// <summary>Whether <paramref name="other"/> is the same pending branch (the same plan's output at the same position).</summary>
    public bool IsSameBranch(PendingBranch other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Position == other.Position && PlanId.AsSpan().SequenceEqual(other.PlanId);
    }
}
