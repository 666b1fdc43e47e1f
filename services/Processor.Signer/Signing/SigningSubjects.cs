using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scheduler.V1;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.Signing;

/// <summary>Builds the subject of a request, when it arrives and again from its stored bytes at every later step.</summary>
public sealed class SigningSubjects(ITransactionSigningPlanner planner, NetworkTopics topics)
{
    public BatchSubject ForBatch(BatchSignRequested request, SessionKeys keys) => BatchSubject.Of(request, keys, topics);

    public TransactionSubject ForPlan(PlanCreated plan, SessionKeys keys) => TransactionSubject.Of(plan, keys, planner, topics);

    public SigningSubject Rebuild(SignKind kind, byte[] request, SessionKeys keys) => kind switch
    {
        SignKind.Batch => ForBatch(BatchSignRequested.Parser.ParseFrom(request), keys),
        SignKind.Transaction => ForPlan(PlanCreated.Parser.ParseFrom(request), keys),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of signing subject."),
    };
}
