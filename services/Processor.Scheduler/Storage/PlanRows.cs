namespace Processor.Scheduler.Storage;

/// <summary>Where a plan is on its way to the chain (the <c>plans.state</c> column).</summary>
public enum PlanProgress
{
    /// <summary>Created and sent to the signer.</summary>
    Created,

    /// <summary>Its signed transaction is stored (state <c>signed</c>); the node has not accepted it yet.</summary>
    ReadyToPublish,

    /// <summary>The node accepted its transaction (or already had it).</summary>
    Published,

    /// <summary>Its transaction is in a finalized block.</summary>
    Completed,
}

/// <summary>What the handlers need of a stored plan.</summary>
/// <param name="Eventuality">The plug-in's bytes the signed transaction must complete (PlanCreated.eventuality_txid).</param>
public sealed record PlanRecord(byte[] PlanId, int Session, byte[] Eventuality, PlanProgress Progress);

/// <summary>A signed transaction whose (re)broadcast is due.</summary>
public sealed record DueBroadcast(byte[] PlanId, int Session, byte[] Txid, PlanProgress Progress, byte[] Transaction);

/// <summary>A plan as <c>processorctl plans</c> lists it.</summary>
public sealed record PlanSummary(
    byte[] PlanId,
    int Session,
    long SeraiBlockNumber,
    byte[]? Txid,
    int InputCount,
    long InputAmount,
    int PaymentCount,
    long PaymentAmount,
    long? ChangeAmount,
    long Fee,
    string State,
    DateTime CreatedAt,
    int Broadcasts,
    string? LastPublishError,
    long? CompletedHeight);
