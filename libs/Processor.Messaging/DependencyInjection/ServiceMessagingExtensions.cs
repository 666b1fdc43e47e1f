using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processor.Contracts;
using Processor.Hosting;
using Processor.Messaging;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Provisioning;

namespace Microsoft.Extensions.Hosting;

public static class ServiceMessagingExtensions
{
    /// <summary>
    /// Adds exactly-once messaging for one of the processor's services, as the catalog defines it: its schema and consumer
    /// group, every topic of the configured network (created if missing, so services may start in any order, and
    /// registered as <see cref="NetworkTopics"/>), and the knowledge of every contract type. With
    /// <c>Processor:TopicNamespace</c> set, every topic name and the consumer group (<c>Messaging:ConsumerGroup</c> too, when
    /// configured) are in that namespace. The service then adds its handlers, its migrations and
    /// <see cref="MessagingBuilder.ConsumeFrom(IEnumerable{TopicTemplate})"/> its inputs.
    /// </summary>
    /// <exception cref="OptionsValidationException">
    /// <c>Processor:Network</c> is not a valid network name, or <c>Processor:TopicNamespace</c> not a valid namespace.
    /// </exception>
    public static MessagingBuilder AddServiceMessaging(this IHostApplicationBuilder builder, ServiceDefinition service)
    {
        var topics = Topics.For(ConfiguredNetwork(builder), ConfiguredNamespace(builder));
        builder.Services.AddSingleton(topics);
        var messaging = builder.AddProcessorMessaging(service.Name, service.PostgresSchema, service.ConsumerGroup);
        // After binding, so that a configured group lands in the namespace as well.
        builder.Services.PostConfigure<MessagingOptions>(o =>
            o.ConsumerGroup = string.IsNullOrWhiteSpace(o.ConsumerGroup) ? o.ConsumerGroup : topics.ConsumerGroup(o.ConsumerGroup));
        return messaging
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

    /// <summary>Like the network, the namespace names the topics, so it is checked here; unset or empty means none.</summary>
    private static string? ConfiguredNamespace(IHostApplicationBuilder builder)
    {
        const string key = $"{ProcessorOptions.SectionName}:{nameof(ProcessorOptions.TopicNamespace)}";
        var topicNamespace = builder.Configuration[key];
        if (string.IsNullOrEmpty(topicNamespace))
        {
            return null;
        }

        return Topics.IsValidNamespace(topicNamespace)
            ? topicNamespace
            : throw new OptionsValidationException(key, typeof(ProcessorOptions), [$"{key} is '{topicNamespace}': {Topics.NamespaceRule}"]);
    }
}
