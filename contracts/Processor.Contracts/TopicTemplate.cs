namespace Processor.Contracts;

/// <summary>
/// A topic independent of the network (a stream of events): the topic <c>&lt;owner&gt;.&lt;stream&gt;.&lt;network&gt;.v&lt;version&gt;</c>
/// exists once per network. <see cref="TopicTemplates"/> lists them all.
/// </summary>
/// <param name="Owner">The component that produces the stream (a service name, <c>coordinator</c> or <c>processor</c>).</param>
/// <param name="Stream">The stream's name within its owner, lower-case with dashes.</param>
/// <param name="Version">The stream's major version; an incompatible change makes a new topic.</param>
/// <param name="Partitions">The partition count the topic is created with (fixed at creation).</param>
public sealed record TopicTemplate(string Owner, string Stream, int Version, int Partitions)
{
    /// <summary>The topic's name for <paramref name="network"/>.</summary>
    /// <exception cref="ArgumentException">
    /// <paramref name="network"/> is not a valid network name (see <see cref="Topics.IsValidNetworkName"/>).
    /// </exception>
    public string NameFor(string network) => $"{Owner}.{Stream}.{Topics.ValidateNetworkName(network)}.v{Version}";

    /// <inheritdoc/>
    public override string ToString() => $"{Owner}.{Stream}.<network>.v{Version}";
}

/// <summary>
/// Every stream of the system (DESIGN.md §1 and §3). Each has a single partition: per-network order is the domain's
/// invariant (blocks in height order, Batches in id order, the coordinator link strictly FIFO).
/// </summary>
public static class TopicTemplates
{
    /// <summary>Coordinator → processor: <c>processor.coordinator.v1.CoordinatorCommand</c> members.</summary>
    public static TopicTemplate CoordinatorCommands { get; } = new("coordinator", "commands", 1, 1);

    /// <summary>Processor → coordinator: <c>processor.coordinator.v1.ProcessorEvent</c> members.</summary>
    public static TopicTemplate ProcessorEvents { get; } = new("processor", "events", 1, 1);

    /// <summary>Scanner: <c>ScannedBlock</c>, one per finalized block.</summary>
    public static TopicTemplate ScannerBlocks { get; } = new("scanner", "blocks", 1, 1);

    /// <summary>Scanner: alerts for operators (<c>ReorgDetected</c>).</summary>
    public static TopicTemplate ScannerAlerts { get; } = new("scanner", "alerts", 1, 1);

    /// <summary>Signer: <c>KeyGenerated</c>, <c>KeyActivated</c>.</summary>
    public static TopicTemplate SignerKeys { get; } = new("signer", "keys", 1, 1);

    /// <summary>Signer: <c>BatchSigned</c>, <c>TransactionSigned</c>.</summary>
    public static TopicTemplate SignerSignatures { get; } = new("signer", "signatures", 1, 1);

    /// <summary>Reporter: <c>BatchSignRequested</c>.</summary>
    public static TopicTemplate ReporterBatchSignRequests { get; } = new("reporter", "batch-sign-requests", 1, 1);

    /// <summary>Reporter: <c>OutputsAcknowledged</c>.</summary>
    public static TopicTemplate ReporterAcknowledgements { get; } = new("reporter", "acknowledgements", 1, 1);

    /// <summary>Scheduler: <c>PlanCreated</c>.</summary>
    public static TopicTemplate SchedulerPlans { get; } = new("scheduler", "plans", 1, 1);

    /// <summary>All streams: the two coordinator-facing ones first, then the internal ones.</summary>
    public static IReadOnlyList<TopicTemplate> All { get; } =
    [
        CoordinatorCommands,
        ProcessorEvents,
        ScannerBlocks,
        ScannerAlerts,
        SignerKeys,
        SignerSignatures,
        ReporterBatchSignRequests,
        ReporterAcknowledgements,
        SchedulerPlans,
    ];
}
