using Processor.Networks;

namespace Processor.Scheduling;

/// <summary>What a plan's payment is for.</summary>
public enum PlanPaymentKind
{
    /// <summary>Pays a burn or a refund to its destination.</summary>
    External,

    /// <summary>Pays the key's Branch address, funding the plan of a <see cref="PendingBranch"/>.</summary>
    Branch,
}

/// <summary>An output of a plan that is not its change.</summary>
/// <param name="Kind">External or Branch.</param>
/// <param name="Script">The locking script paid.</param>
/// <param name="Amount">The amount paid, after the payment's share of the fee.</param>
/// <param name="Id">External: the payment made; null for a Branch payment.</param>
public sealed record PlanPayment(PlanPaymentKind Kind, byte[] Script, ulong Amount, PaymentId? Id);

/// <summary>One transaction to sign and publish, the same at every validator.</summary>
/// <param name="Id">The plan id: SHA-256 of the plan's canonical encoding (<see cref="PlanEncoding"/>).</param>
/// <param name="NetworkKey">The spending key in its published form.</param>
/// <param name="Inputs">The outputs spent, in transaction order (largest first).</param>
/// <param name="Payments">The outputs paid, in transaction order (Branch payments first, then the payments in queue order).</param>
/// <param name="Change">The change output to the key's Change address, after the payments; null when there is none.</param>
/// <param name="Fee">What the transaction pays the miners: inputs less outputs.</param>
/// <param name="FeeRate">The fee rate planned with.</param>
/// <param name="Eventuality">
/// What recognises the plan's transaction on chain, as the plug-in computes it (<see cref="IPlanEventualities"/>; Bitcoin: the
/// transaction's id).
/// </param>
/// <param name="TransactionId">The id of the plan's transaction when the plug-in knows it before signing (Bitcoin), else null (Monero).</param>
public sealed record Plan(
    byte[] Id,
    byte[] NetworkKey,
    IReadOnlyList<PlannedInput> Inputs,
    IReadOnlyList<PlanPayment> Payments,
    PlannedOutput? Change,
    ulong Fee,
    ulong FeeRate,
    byte[] Eventuality,
    byte[]? TransactionId)
{
    /// <summary>The plan as the plug-in sees it (its eventuality, its signing data, the signer's transaction).</summary>
    public TransactionPlan ToTransactionPlan() =>
        new(NetworkKey, Inputs, [.. Payments.Select(p => new PlannedOutput(p.Script, p.Amount))], Change);
}
