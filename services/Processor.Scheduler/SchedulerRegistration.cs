using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Reporter.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.DependencyInjection;
using Processor.Scheduler.Handlers;
using Processor.Scheduler.Planning;
using Processor.Scheduler.Publishing;
using Processor.Scheduler.Storage;

namespace Processor.Scheduler;

/// <summary>
/// The scheduler's parts: its messaging (as the catalog defines it) and migrations, its options, the configured network
/// plug-in and the planning engine over it, the key book, its handlers and the transaction broadcaster.
/// </summary>
public static class SchedulerRegistration
{
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        var messaging = builder.AddServiceMessaging(ServiceCatalog.Scheduler).AddMigrationsFrom(typeof(SchedulerRegistration).Assembly);
        var services = builder.Services;
        services.AddOptions<SchedulerOptions>().BindConfiguration(SchedulerOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.MaxRetryInterval >= o.PublishPollInterval, "Scheduler:MaxRetryInterval must be at least Scheduler:PublishPollInterval.")
            .ValidateOnStart();
        services.AddConfiguredNetwork(messaging.Topics!.Network);
        services.AddUtxoPlanning();
        services.AddSingleton<RequiredBlockFeeRate>();
        services.AddSingleton<PlanSigningData>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<PlanStore>();
        services.AddPeriodicTask<TransactionBroadcaster>();
        messaging
            .AddKeyBook()
            .AddHandler<OutputsAcknowledged, OutputsAcknowledgedHandler>()
            .AddHandler<TransactionSigned, TransactionSignedHandler>()
            .AddHandler<ScannedBlock, ScannedBlockHandler>()
            .ConsumeFrom(ServiceCatalog.Scheduler.Consumes);
        return builder;
    }
}
