using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Processor.Contracts;
using Processor.Messaging.Consuming;
using Processor.Messaging.Provisioning;

namespace Processor.Messaging.DependencyInjection;

/// <summary>Declares what a service consumes, handles, provisions and migrates.</summary>
public sealed class MessagingBuilder
{
    private readonly HandlerRegistry _registry;
    private readonly ConsumerSubscription _subscription;
    private readonly MessagingStartupPlan _plan;
    private bool _consumerAdded;

    internal MessagingBuilder(IServiceCollection services, HandlerRegistry registry, ConsumerSubscription subscription, MessagingStartupPlan plan)
    {
        Services = services;
        _registry = registry;
        _subscription = subscription;
        _plan = plan;
    }

    public IServiceCollection Services { get; }

    /// <summary>Handles <typeparamref name="TMessage"/> with <typeparamref name="THandler"/> (resolved per batch scope).</summary>
    public MessagingBuilder AddHandler<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : class, IMessageHandler<TMessage>
    {
        _registry.Add<TMessage, THandler>();
        Services.TryAddScoped<THandler>();
        return this;
    }

    /// <summary>
    /// Handles runs of consecutive <typeparamref name="TMessage"/> records with <typeparamref name="THandler"/> in one call
    /// each (resolved per batch scope): for handlers that write with set-based statements.
    /// </summary>
    public MessagingBuilder AddBatchHandler<TMessage, THandler>()
        where TMessage : IMessage<TMessage>, new()
        where THandler : class, IMessageBatchHandler<TMessage>
    {
        _registry.AddBatch<TMessage, THandler>();
        Services.TryAddScoped<THandler>();
        return this;
    }

    /// <summary>Message types this service may see but leaves to others; any other unhandled type is dead-lettered.</summary>
    public MessagingBuilder AddKnownTypes(IEnumerable<MessageDescriptor> descriptors)
    {
        _registry.AddKnownTypes(descriptors);
        return this;
    }

    /// <summary>Subscribes the service's consumer to these topics (and starts the consumer).</summary>
    public MessagingBuilder ConsumeFrom(params string[] topics)
    {
        _subscription.Add(topics);
        if (!_consumerAdded)
        {
            Services.AddHostedService<ExactlyOnceConsumer>();
            _consumerAdded = true;
        }

        return this;
    }

    /// <summary>
    /// Subscribes the service's consumer to these streams of the configured network (see
    /// <c>AddServiceMessaging</c>, which knows the network).
    /// </summary>
    public MessagingBuilder ConsumeFrom(IEnumerable<TopicTemplate> streams)
    {
        var topics = Topics ?? throw new InvalidOperationException(
            "Streams are named per network: add messaging with AddServiceMessaging, or subscribe to topic names.");
        return ConsumeFrom([.. streams.Select(topics.NameOf)]);
    }

    /// <summary>The configured network's topics when messaging was added for a service (<c>AddServiceMessaging</c>), else null.</summary>
    public NetworkTopics? Topics { get; private set; }

    internal MessagingBuilder ForNetwork(NetworkTopics topics)
    {
        Topics = topics;
        return this;
    }

    /// <summary>Topics created at start-up if missing.</summary>
    public MessagingBuilder ProvisionTopics(IEnumerable<TopicSpec> topics)
    {
        _plan.Topics.AddRange(topics.Where(t => _plan.Topics.All(existing => existing.Name != t.Name)));
        return this;
    }

    /// <summary>Applies the SQL migrations embedded in <paramref name="assembly"/> (after the messaging tables).</summary>
    public MessagingBuilder AddMigrationsFrom(Assembly assembly)
    {
        _plan.MigrationAssemblies.Add(assembly);
        return this;
    }
}
