namespace Processor.Networks;

/// <summary>What a plan's transaction is known by before anyone signs it.</summary>
/// <param name="Eventuality">The plug-in's bytes that recognise the transaction on chain (<see cref="IEventualityMatcher"/>).</param>
/// <param name="TransactionId">
/// The transaction's id when it is known before signing (Bitcoin: signatures are witnesses); null when it is not (Monero:
/// it covers the CLSAGs, which depend on who signs).
/// </param>
/// <param name="Outputs">
/// Per output of the plan (its payments in order, then its change): where the output will be once the transaction is on
/// chain, or null when that is not known at planning (Monero: the transaction's id depends on who signs, and the builder
/// shuffles the outputs).
/// </param>
public sealed record PlannedEventuality(byte[] Eventuality, byte[]? TransactionId, IReadOnlyList<OutputReference?> Outputs);

/// <summary>The eventuality of a plan, computed by the scheduler when it makes the plan (no node, no signing data).</summary>
public interface IPlanEventualities
{
    /// <summary>The eventuality of <paramref name="plan"/> (id <paramref name="planId"/>), the same at every validator.</summary>
    /// <exception cref="InvalidPlanException">The plan is not a valid transaction of this network.</exception>
    PlannedEventuality EventualityOf(ReadOnlySpan<byte> planId, TransactionPlan plan);
}
