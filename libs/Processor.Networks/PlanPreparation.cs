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
    Task<byte[]> PrepareAsync(ReadOnlyMemory<byte> planId, TransactionPlan plan, long externalBlockHeight, CancellationToken cancellationToken);
}
