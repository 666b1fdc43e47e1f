namespace Processor.Contracts;

/// <summary>What operators and tooling need to know about one of the processor's services.</summary>
/// <param name="Name">The service's name (<c>scanner</c>, <c>reporter</c>, <c>signer</c>, <c>scheduler</c>).</param>
/// <param name="PostgresSchema">The Postgres schema holding its state and messaging tables (offsets, inbox, outbox).</param>
/// <param name="ConsumerGroup">Its Kafka consumer group.</param>
/// <param name="Consumes">The streams it consumes. Poison messages go to <c>&lt;consumed topic&gt;.dlq</c>.</param>
/// <param name="Produces">The streams it produces (dead-letter topics not included).</param>
/// <param name="HealthPort">The default port of its health endpoints.</param>
public sealed record ServiceDefinition(
    string Name,
    string PostgresSchema,
    string ConsumerGroup,
    IReadOnlyList<TopicTemplate> Consumes,
    IReadOnlyList<TopicTemplate> Produces,
    int HealthPort);

/// <summary>The four services of the processor (DESIGN.md §1). Data only.</summary>
public static class ServiceCatalog
{
    /// <summary>Indexes finalized blocks and finds outputs and completed eventualities.</summary>
    public static ServiceDefinition Scanner { get; } = new(
        Name: "scanner",
        PostgresSchema: "scanner",
        ConsumerGroup: "processor.scanner",
        Consumes: [TopicTemplates.SignerKeys, TopicTemplates.SchedulerPlans],
        Produces: [TopicTemplates.ScannerBlocks, TopicTemplates.ScannerAlerts],
        HealthPort: 7101);

    /// <summary>Builds Batches, has them signed, and turns Serai's acknowledgements into work for the scheduler.</summary>
    public static ServiceDefinition Reporter { get; } = new(
        Name: "reporter",
        PostgresSchema: "reporter",
        ConsumerGroup: "processor.reporter",
        Consumes: [TopicTemplates.ScannerBlocks, TopicTemplates.CoordinatorCommands, TopicTemplates.SignerSignatures, TopicTemplates.SignerKeys],
        Produces: [TopicTemplates.ProcessorEvents, TopicTemplates.ReporterBatchSignRequests, TopicTemplates.ReporterAcknowledgements],
        HealthPort: 7102);

    /// <summary>Holds the key shares; runs key generation and threshold signing.</summary>
    public static ServiceDefinition Signer { get; } = new(
        Name: "signer",
        PostgresSchema: "signer",
        ConsumerGroup: "processor.signer",
        Consumes: [TopicTemplates.CoordinatorCommands, TopicTemplates.ReporterBatchSignRequests, TopicTemplates.SchedulerPlans],
        Produces: [TopicTemplates.ProcessorEvents, TopicTemplates.SignerKeys, TopicTemplates.SignerSignatures],
        HealthPort: 7103);

    /// <summary>Keeps the UTXO pool and payment queue, creates plans, publishes signed transactions.</summary>
    public static ServiceDefinition Scheduler { get; } = new(
        Name: "scheduler",
        PostgresSchema: "scheduler",
        ConsumerGroup: "processor.scheduler",
        Consumes:
        [
            TopicTemplates.ReporterAcknowledgements,
            TopicTemplates.SignerSignatures,
            TopicTemplates.ScannerBlocks,
            TopicTemplates.SignerKeys,
        ],
        Produces: [TopicTemplates.SchedulerPlans, TopicTemplates.ProcessorEvents],
        HealthPort: 7104);

    /// <summary>All four services, in pipeline order.</summary>
    public static IReadOnlyList<ServiceDefinition> All { get; } = [Scanner, Reporter, Signer, Scheduler];
}
