using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Processor.Contracts;
using Processor.Hosting;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Provisioning;

namespace Microsoft.Extensions.Hosting;

/// <summary>The start-up every processor service shares.</summary>
public static class ProcessorServiceExtensions
{
    /// <summary>
    /// Adds the service defaults and exactly-once messaging for <paramref name="service"/>: its schema with the migrations
    /// embedded in <paramref name="migrations"/>, every topic of the configured network (created if missing, so services
    /// may start in any order), and the knowledge of every contract type. The returned builder adds the handlers.
    /// </summary>
    public static MessagingBuilder AddProcessorService(this WebApplicationBuilder builder, ServiceDefinition service, Assembly migrations)
    {
        builder.AddServiceDefaults(service.HealthPort);
        var network = builder.Configuration[$"{ProcessorOptions.SectionName}:{nameof(ProcessorOptions.Network)}"]
            ?? new ProcessorOptions().Network;
        var topics = Topics.For(network);
        return builder.AddProcessorMessaging(service.Name)
            .AddKnownTypes(MessageTypeRegistry.Default.Descriptors)
            .ProvisionTopics(topics.All.Select(t => new TopicSpec(t.Name, t.Partitions)))
            .AddMigrationsFrom(migrations);
    }
}
