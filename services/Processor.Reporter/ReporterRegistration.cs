using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Contracts.Coordinator.V1;
using Processor.Contracts.Scanner.V1;
using Processor.Contracts.Signer.V1;
using Processor.Messaging.DependencyInjection;
using Processor.Reporter.Acknowledgements;
using Processor.Reporter.Batches;
using Processor.Reporter.Signatures;

namespace Processor.Reporter;

/// <summary>
/// The reporter's parts: its messaging (as the catalog defines it) and migrations, the key book, the configured network's
/// address rules (for refund destinations), and the handlers of its four inputs. The other coordinator commands on the
/// shared command topic are known types left to the signer, so they move the offset without effect here.
/// </summary>
public static class ReporterRegistration
{
    public static IHostApplicationBuilder AddReporter(this IHostApplicationBuilder builder)
    {
        var messaging = builder.AddServiceMessaging(ServiceCatalog.Reporter).AddMigrationsFrom(typeof(ReporterRegistration).Assembly);
        var services = builder.Services;
        services.AddConfiguredNetworkAddressScripts(messaging.Topics!.Network);
        services.AddSingleton<ScannedStore>();
        services.AddSingleton<BatchStore>();
        services.AddSingleton<BatchBuilder>();
        services.AddSingleton<BlockSettlement>();
        messaging
            .AddKeyBook()
            .AddHandler<ScannedBlock, ScannedBlockHandler>()
            .AddHandler<BatchSigned, BatchSignedHandler>()
            .AddHandler<SubstrateBlock, SubstrateBlockHandler>()
            .ConsumeFrom(ServiceCatalog.Reporter.Consumes);
        return builder;
    }
}
