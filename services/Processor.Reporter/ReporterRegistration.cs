using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Messaging.DependencyInjection;

namespace Processor.Reporter;

/// <summary>The reporter's parts: its messaging (as the catalog defines it), its migrations and the key book.</summary>
public static class ReporterRegistration
{
    public static IHostApplicationBuilder AddReporter(this IHostApplicationBuilder builder)
    {
        // Only signer.keys for now: its other inputs have no handlers yet, and no offset may move past an input nobody handled.
        builder.AddServiceMessaging(ServiceCatalog.Reporter)
            .AddMigrationsFrom(typeof(ReporterRegistration).Assembly)
            .AddKeyBook()
            .ConsumeFrom([TopicTemplates.SignerKeys]);
        return builder;
    }
}
