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
/// for every network. Plans are signed by the scheme of the network key's curve: an Ed25519 key is Monero's
/// (<see cref="NetworkKeySuites"/>), whose inputs are signed with threshold CLSAG; otherwise each input is signed with
/// FROST over the messages of the transaction the plug-in's planner builds.
/// </summary>
public sealed class SigningSubjects(NetworkTopics topics, INetworkKeyForm keyForm, ITransactionSigningPlanner? planner = null)
{
    public BatchSubject ForBatch(BatchSignRequested request, SessionKeys keys) => BatchSubject.Of(request, keys, topics);

    /// <exception cref="PoisonMessageException">The network's plug-in signs no transactions, or the plan is not one these keys can sign.</exception>
    public SigningSubject ForPlan(PlanCreated plan, SessionKeys keys) => (keyForm.Curve, planner) switch
    {
        (NetworkCurve.Ed25519, _) => MoneroTransactionSubject.Of(plan, keys, topics),
        (_, { } frostPlanner) => TransactionSubject.Of(plan, keys, frostPlanner, topics),
        _ => throw new PoisonMessageException(
            $"PlanCreated {SchedulerPlans.IdOf(plan)}: the {topics.Network} plug-in registers no transaction planner, so this signer signs no plans."),
    };

    public SigningSubject Rebuild(SignKind kind, byte[] request, SessionKeys keys) => kind switch
    {
        SignKind.Batch => ForBatch(BatchSignRequested.Parser.ParseFrom(request), keys),
        SignKind.Transaction => ForPlan(PlanCreated.Parser.ParseFrom(request), keys),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of signing subject."),
    };
}
