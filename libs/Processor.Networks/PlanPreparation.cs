namespace Processor.Networks;

/// <summary>
/// What a plan's signers need from the chain besides the plan (Monero: each input's ring of decoys), fetched by the
/// scheduler when it makes the plan, since the signer never talks to a node. Deterministic: every validator's scheduler
/// derives the same bytes from the same plan at the same block, so their plans stay byte-identical.
/// </summary>
public interface IPlanPreparer
{
    /// <summary>
    /// The plug-in's signing data for <paramref name="plan"/> (id <paramref name="planId"/>), chosen from the chain as it
    /// was at <paramref name="externalBlockHeight"/> (the block the plan was made at); empty when the network needs none.
    /// </summary>
    /// <exception cref="InvalidPlanException">The plan's inputs cannot be prepared (their spend data is not this network's).</exception>
    /// <exception cref="PlanPreparationUnavailableException">The chain cannot give the signing data (yet); the message says why.</exception>
    Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> planId, TransactionPlan plan, long externalBlockHeight, CancellationToken cancellationToken);
}

/// <summary>
/// The preparer of a network whose signers need nothing from the chain besides the plan (Bitcoin: the plan holds every
/// input's amount and script, all its signature hashes cover). Registered rather than left out, so that a plug-in that
/// forgets its preparer fails at start instead of sending plans without their signing data.
/// </summary>
public sealed class NoPlanPreparation : IPlanPreparer
{
    public Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> planId, TransactionPlan plan, long externalBlockHeight, CancellationToken cancellationToken) =>
        Task.FromResult(Array.Empty<byte>());
}

/// <summary>
/// Thrown when the chain cannot give a plan's signing data (Monero: too few usable outputs for the rings at the plan's
/// block, or a node that lacks that block): not the plan's fault, so the scheduler parks the acknowledgement and tries again.
/// </summary>
public sealed class PlanPreparationUnavailableException : Exception
{
    public PlanPreparationUnavailableException()
    {
    }

    public PlanPreparationUnavailableException(string message)
        : base(message)
    {
    }

    public PlanPreparationUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
