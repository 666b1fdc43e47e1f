using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processor.Contracts;
using Processor.Hosting;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Provisioning;

namespace Microsoft.Extensions.Hosting;

public static class ServiceMessagingExtensions
{
    /// <summary>
    /// Adds exactly-once messaging for one of the processor's services, as the catalog defines it: its schema and consumer
    /// group, every topic of the configured network (created if missing, so services may start in any order, and
    /// registered as <see cref="NetworkTopics"/>), and the knowledge of every contract type. The service then adds its
    /// handlers, its migrations and <see cref="MessagingBuilder.ConsumeFrom(IEnumerable{TopicTemplate})"/> its inputs.
    /// </summary>
    /// <exception cref="OptionsValidationException"><c>Processor:Network</c> is not a valid network name.</exception>
    public static MessagingBuilder AddServiceMessaging(this IHostApplicationBuilder builder, ServiceDefinition service)
    {
        var topics = Topics.For(ConfiguredNetwork(builder));
        builder.Services.AddSingleton(topics);
        return builder.AddProcessorMessaging(service.Name, service.PostgresSchema, service.ConsumerGroup)
            .ForNetwork(topics)
            .AddKnownTypes(MessageTypeRegistry.Default.Descriptors)
            .ProvisionTopics(topics.All.Select(t => new TopicSpec(t.Name, t.Partitions)));
    }

    /// <summary>The network is needed while building (it names the topics), before options validation runs: checked here.</summary>
    private static string ConfiguredNetwork(IHostApplicationBuilder builder)
    {
        const string key = $"{ProcessorOptions.SectionName}:{nameof(ProcessorOptions.Network)}";
        var network = builder.Configuration[key] ?? new ProcessorOptions().Network;
        return Topics.IsValidNetworkName(network)
            ? network
            : throw new OptionsValidationException(key, typeof(ProcessorOptions), [
                $"{key} is '{network}': a network name is lower-case letters, digits and dashes, starting with a letter (e.g. 'bitcoin').",
            ]);
    }
}
