namespace Processor.Scheduling;

/// <summary>
/// One output of a plan being built: a payment, or a Branch output funding a group of payments (paid by a later plan
/// that spends it).
/// </summary>
internal sealed class TreeEntry
{
    private TreeEntry(Payment? payment, IReadOnlyList<Payment> children)
    {
        Payment = payment;
        Children = children;
        Amount = payment?.Amount ?? children.Aggregate(0UL, (sum, p) => checked(sum + p.Amount));
    }

    /// <summary>The payment made directly; null for a Branch entry.</summary>
    public Payment? Payment { get; }

    /// <summary>A Branch entry's payments; empty for a direct payment.</summary>
    public IReadOnlyList<Payment> Children { get; }

    /// <summary>The amount before the fee share: the payment's, or the sum of the branch's payments.</summary>
    public ulong Amount { get; }

    /// <summary>The payments this entry stands for.</summary>
    public IEnumerable<Payment> Payments => Payment is { } payment ? [payment] : Children;

    public static TreeEntry Direct(Payment payment) => new(payment, []);

    public static TreeEntry Branch(IReadOnlyList<Payment> children) => new(null, children);
}

/// <summary>
/// Fits payments into the outputs one transaction may have, moving the tail into Branch outputs (Serai's <c>execute</c>,
/// with its loop bound fixed: the count moved makes room for the Branch output itself, change slot included).
/// </summary>
internal static class PaymentTree
{
    /// <summary>
    /// The entries of a plan paying <paramref name="payments"/> with at most <paramref name="capacity"/> outputs for them:
    /// Branch entries first (the latest made first), then the direct payments in queue order. A group holds at most
    /// <paramref name="groupSize"/> payments so that its own plan fits with a change output.
    /// </summary>
    /// <exception cref="InvalidOperationException">More payments than one level of branches can hold (see <see cref="MaxPayments"/>).</exception>
    public static List<TreeEntry> Fit(IReadOnlyList<Payment> payments, int capacity, int groupSize)
    {
        var entries = payments.Select(TreeEntry.Direct).ToList();
        while (entries.Count > capacity)
        {
            var move = Math.Min(entries.Count - capacity + 1, groupSize);
            var tail = entries.GetRange(entries.Count - move, move);
            if (tail.Any(e => e.Payment is null))
            {
                throw new InvalidOperationException($"{payments.Count} payments are more than one plan's branches can hold.");
            }

            entries.RemoveRange(entries.Count - move, move);
            entries.Insert(0, TreeEntry.Branch([.. tail.Select(e => e.Payment!)]));
        }

        return entries;
    }

    /// <summary>
    /// The most payments <see cref="Fit"/> takes for a transaction of <paramref name="maxOutputs"/> outputs: every full group
    /// must come from direct payments, so at most <c>capacity − 1</c> groups of <c>maxOutputs − 1</c>.
    /// </summary>
    public static int MaxPayments(int maxOutputs) => (maxOutputs - 2) * (maxOutputs - 1);
}
