using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Messaging.DependencyInjection;

namespace Processor.Scheduler;

/// <summary>The scheduler's parts: its messaging (as the catalog defines it), its migrations and the key book.</summary>
public static class SchedulerRegistration
{
    public static IHostApplicationBuilder AddScheduler(this IHostApplicationBuilder builder)
    {
        // Only signer.keys for now: its other inputs have no handlers yet, and no offset may move past an input nobody handled.
        builder.AddServiceMessaging(ServiceCatalog.Scheduler)
            .AddMigrationsFrom(typeof(SchedulerRegistration).Assembly)
            .AddKeyBook()
            .ConsumeFrom([TopicTemplates.SignerKeys]);
        return builder;
    }
}
