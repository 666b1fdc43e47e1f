using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>
/// Builds the subject of a request, when it arrives and again from its stored bytes at every later step. Batches are signed
/// for every network; plans only when the configured plug-in registers a transaction planner (Monero's does not yet).
/// </summary>
public sealed class SigningSubjects(NetworkTopics topics, ITransactionSigningPlanner? planner = null)
{
    public BatchSubject ForBatch(BatchSignRequested request, SessionKeys keys) => BatchSubject.Of(request, keys, topics);

    /// <exception cref="PoisonMessageException">The network's plug-in signs no transactions, or the plan is not one these keys can sign.</exception>
    public TransactionSubject ForPlan(PlanCreated plan, SessionKeys keys) => planner is null
        ? throw new PoisonMessageException(
            $"PlanCreated {Convert.ToHexStringLower(plan.PlanId.Span)}: the {topics.Network} plug-in registers no transaction planner, so this signer signs no plans.")
        : TransactionSubject.Of(plan, keys, planner, topics);

    public SigningSubject Rebuild(SignKind kind, byte[] request, SessionKeys keys) => kind switch
    {
        SignKind.Batch => ForBatch(BatchSignRequested.Parser.ParseFrom(request), keys),
        SignKind.Transaction => ForPlan(PlanCreated.Parser.ParseFrom(request), keys),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of signing subject."),
    };
}
