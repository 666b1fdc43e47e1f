using Processor.Contracts;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Networks.Plugins;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Signer.Signing;

/// <summary>What every plan subject checks and reads of a scheduler's <see cref="PlanCreated"/>, whatever signs it.</summary>
public static class SchedulerPlans
{
    /// <summary>The plan's id as a hex string for messages.</summary>
    public static string IdOf(PlanCreated plan) => Convert.ToHexStringLower(plan.PlanId.Span);

    /// <exception cref="PoisonMessageException">The plan id is not a sign id, or the plan spends with another key than <paramref name="ourKey"/>.</exception>
    public static void CheckIdAndKey(PlanCreated plan, ReadOnlySpan<byte> ourKey)
    {
        if (plan.PlanId.Length != SubjectKey.IdLength)
        {
            throw new PoisonMessageException($"PlanCreated: the plan id is {SubjectKey.IdLength} bytes, not {plan.PlanId.Length}.");
        }

        if (!plan.NetworkKey.Span.SequenceEqual(ourKey))
        {
            throw new PoisonMessageException(
                $"PlanCreated {IdOf(plan)}: the plan spends with network key {Convert.ToHexStringLower(plan.NetworkKey.Span)}, " +
                $"but session {plan.Session}'s key is {Convert.ToHexStringLower(ourKey)}.");
        }
    }

    /// <summary>The plan without anything network-specific, as the network plug-ins build transactions from it.</summary>
    /// <exception cref="InvalidPlanException">An input's kind is not a kind of our addresses.</exception>
    public static TransactionPlan ToTransactionPlan(PlanCreated plan) => new(
        plan.NetworkKey.ToByteArray(),
        [.. plan.Inputs.Select(i => new PlannedInput(
            new OutputReference(i.Id?.Txid.ToByteArray() ?? [], (int)(i.Id?.Vout ?? 0)), i.Amount, i.Script.ToByteArray(), KindOf(i.Kind))
        {
            SpendData = i.SpendData.ToByteArray(),
        })],
        [.. plan.Payments.Select(p => new PlannedOutput(p.Script.ToByteArray(), p.Amount))],
        plan.Change is null ? null : new PlannedOutput(plan.Change.Script.ToByteArray(), plan.Change.Amount));

    private static OutputKind KindOf(Contracts.Common.V1.OutputKind kind) =>
        ContractOutputKinds.TryFromContract(kind) ?? throw new InvalidPlanException($"An input's output kind {kind} is not a kind of our addresses.");
}
