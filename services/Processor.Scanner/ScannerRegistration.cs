using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.DependencyInjection;
using Processor.Scanner.Handlers;
using Processor.Scanner.Health;
using Processor.Scanner.Scanning;
using Processor.Scanner.Storage;

namespace Processor.Scanner;

/// <summary>The scanner's parts: its options, the configured network plug-in, the scan loop, its health check and its two handlers.</summary>
public static class ScannerRegistration
{
    public static MessagingBuilder AddScanner(this MessagingBuilder messaging, NetworkTopics topics)
    {
        var services = messaging.Services;
        services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddConfiguredNetwork(topics.Network);
        services.AddSingleton<ScannerStore>();
        services.AddSingleton<ScannerEvents>();
        services.AddSingleton<ReorgGuard>();
        services.AddSingleton<KeyCatchUp>();
        services.AddSingleton<ChainScanner>();
        services.AddSingleton<ScannerStatus>();
        services.AddHostedService<ScanLoop>();
        services.AddHealthChecks().AddCheck<ScannerHealthCheck>("scanner", tags: [ServiceDefaultsExtensions.ReadyTag]);
        return messaging
            .AddHandler<KeyActivated, KeyActivatedHandler>()
            .AddHandler<PlanCreated, PlanCreatedHandler>()
            .ConsumeFrom([.. ServiceCatalog.Scanner.Consumes.Select(topics.NameOf)]);
    }
}
