using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Hosting;
using Processor.Scanner.Handlers;
using Processor.Scanner.Health;
using Processor.Scanner.Scanning;
using Processor.Scanner.Storage;

namespace Processor.Scanner;

/// <summary>
/// The scanner's parts: its messaging (as the catalog defines it) and migrations, its options, the configured network
/// plug-in, the scan loop, its health check and its two handlers.
/// </summary>
public static class ScannerRegistration
{
    public static IHostApplicationBuilder AddScanner(this IHostApplicationBuilder builder)
    {
        var messaging = builder.AddServiceMessaging(ServiceCatalog.Scanner).AddMigrationsFrom(typeof(ScannerRegistration).Assembly);
        var services = builder.Services;
        services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.MaxRetryInterval >= o.PollInterval, "Scanner:MaxRetryInterval must be at least Scanner:PollInterval.")
            .ValidateOnStart();
        services.AddConfiguredNetwork(messaging.Topics!.Network);
        services.AddSingleton<ScannerStore>();
        services.AddSingleton<ScannerEvents>();
        services.AddSingleton<ReorgGuard>();
        services.AddSingleton<KeyCatchUp>();
        services.AddSingleton<EventualityLookBack>();
        services.AddSingleton<ChainScanner>();
        services.AddSingleton<ScannerStatus>();
        services.AddPeriodicTask<ScanLoop>();
        services.AddHealthChecks().AddCheck<ScannerHealthCheck>("scanner", tags: [HealthTags.Ready]);
        messaging
            .AddHandler<KeyActivated, KeyActivatedHandler>()
            .AddHandler<PlanCreated, PlanCreatedHandler>()
            .ConsumeFrom(ServiceCatalog.Scanner.Consumes);
        return builder;
    }
}
