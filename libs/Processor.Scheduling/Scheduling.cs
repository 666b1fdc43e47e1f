using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>What one acknowledgement brings a key's scheduler.</summary>
/// <param name="Outputs">The key's newly acknowledged outputs, every kind, in acknowledgement order.</param>
/// <param name="Payments">The payments to make, in order: the acknowledgement's refunds, then its burns.</param>
/// <param name="FeeRate">The fee rate of the acknowledgement's required external block (<see cref="IFeeRateSource"/>).</param>
public sealed record SchedulingInput(IReadOnlyList<PlannedInput> Outputs, IReadOnlyList<PaymentRequest> Payments, ulong FeeRate);

/// <summary>What scheduling one acknowledgement decided.</summary>
/// <param name="State">The key's state afterwards (the next call's input).</param>
/// <param name="Change">The same, as the rows to write: what was added to and removed from the previous state.</param>
/// <param name="Plans">New plans, in creation order.</param>
/// <param name="Dropped">Payments that will never be made, in the order they were dropped.</param>
public sealed record SchedulingResult(KeySchedule State, ScheduleChange Change, IReadOnlyList<Plan> Plans, IReadOnlyList<DroppedPayment> Dropped);

/// <summary>
/// The difference between two states of a key, as rows. Payments only ever leave the queue or join its end, so a queue
/// stored with an ascending sequence number stays in order by appending <see cref="PaymentsEnqueued"/>.
/// </summary>
/// <param name="UtxosAdded">Outputs that joined the pool.</param>
/// <param name="UtxosSpent">Outputs that left the pool (spent by a plan).</param>
/// <param name="PaymentsEnqueued">Payments appended to the queue, in order.</param>
/// <param name="PaymentsDequeued">Payments that left the queue (planned, sent to a branch, or dropped).</param>
/// <param name="BranchesAdded">New pending branches, oldest first.</param>
/// <param name="BranchesArrived">
/// Pending branches whose output arrived but whose plan could not be made yet (now <c>Arrived</c>, with the output's place
/// and spend data).
/// </param>
/// <param name="BranchesRemoved">Pending branches whose plan was made.</param>
public sealed record ScheduleChange(
    IReadOnlyList<PlannedInput> UtxosAdded,
    IReadOnlyList<OutputReference> UtxosSpent,
    IReadOnlyList<Payment> PaymentsEnqueued,
    IReadOnlyList<PaymentId> PaymentsDequeued,
    IReadOnlyList<PendingBranch> BranchesAdded,
    IReadOnlyList<PendingBranch> BranchesArrived,
    IReadOnlyList<PendingBranch> BranchesRemoved)
{
    /// <summary>What changed from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static ScheduleChange Between(KeySchedule before, KeySchedule after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var utxosBefore = before.Utxos.Select(u => u.Id).ToHashSet(OutputReferenceComparer.Instance);
        var utxosAfter = after.Utxos.Select(u => u.Id).ToHashSet(OutputReferenceComparer.Instance);
        var queueBefore = before.Queue.Select(p => p.Id).ToHashSet();
        var queueAfter = after.Queue.Select(p => p.Id).ToHashSet();
        PendingBranch? Find(IReadOnlyList<PendingBranch> branches, PendingBranch branch) => branches.FirstOrDefault(branch.IsSameBranch);
        return new(
            [.. after.Utxos.Where(u => !utxosBefore.Contains(u.Id))],
            [.. before.Utxos.Where(u => !utxosAfter.Contains(u.Id)).Select(u => u.Id)],
            [.. after.Queue.Where(p => !queueBefore.Contains(p.Id))],
            [.. before.Queue.Where(p => !queueAfter.Contains(p.Id)).Select(p => p.Id)],
            [.. after.Branches.Where(b => Find(before.Branches, b) is null)],
            [.. after.Branches.Where(b => b.Arrived && Find(before.Branches, b) is { Arrived: false })],
            [.. before.Branches.Where(b => Find(after.Branches, b) is null)]);
    }
}
