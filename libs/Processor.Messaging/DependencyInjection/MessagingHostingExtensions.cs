using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Processor.Hosting;
using Processor.Hosting.Failures;
using Processor.Messaging;
using Processor.Messaging.Consuming;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Diagnostics;
using Processor.Messaging.Kafka;
using Processor.Messaging.Outbox;
using Processor.Messaging.Provisioning;
using Processor.Messaging.Storage;

namespace Microsoft.Extensions.Hosting;

public static class MessagingHostingExtensions
{
    public const string PostgresConnectionName = "Postgres";

    /// <summary>Statements kept prepared per connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Adds exactly-once messaging for the service <paramref name="serviceName"/>: its Postgres data source, options
    /// (validated at start), migrations, topic provisioning, the outbox relay, and — once a topic is subscribed — the
    /// consumer, with their health checks (consumer: live; Postgres, Kafka: ready), telemetry and transient-failure
    /// rules. Defaults: schema = <paramref name="serviceName"/>, consumer group = <c>processor.&lt;serviceName&gt;</c>.
    /// </summary>
    public static MessagingBuilder AddProcessorMessaging(this IHostApplicationBuilder builder, string serviceName) =>
        builder.AddProcessorMessaging(serviceName, schema: serviceName, consumerGroup: $"processor.{serviceName}");

    internal static MessagingBuilder AddProcessorMessaging(
        this IHostApplicationBuilder builder, string serviceName, string schema, string consumerGroup)
    {
        var services = builder.Services;
        services.AddOptions<MessagingOptions>()
            .Configure(o =>
            {
                o.Schema = schema;
                o.ConsumerGroup = consumerGroup;
                o.ServiceName = serviceName;
            })
            .BindConfiguration(MessagingOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddOptions<KafkaOptions>()
            .BindConfiguration(KafkaOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(
                o => o.Mode != KafkaMode.Embedded || o.EmbeddedControlUrl is not null,
                "Kafka:EmbeddedControlUrl is required when Kafka:Mode is Embedded.")
            .ValidateOnStart();

        services.TryAddSingletonDataSource(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MessagingOptions>>().Value;
            return new MessagingTables(options.Schema, options.MaxEventBytes);
        });
        services.AddSingleton<SchemaMigrator>();
        services.AddSingleton<IFactPublisher, OutboxFactPublisher>();
        services.AddSingleton<ConsumerHeartbeat>();
        services.AddTransientFailureRule<PostgresTransientFailureRule>();
        services.AddTransientFailureRule<NetworkTransientFailureRule>();
        services.AddSingleton<KafkaHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<ConsumerHealthCheck>("consumer", tags: [HealthTags.Live])
            .AddCheck<PostgresHealthCheck>("postgres", tags: [HealthTags.Ready])
            .AddCheck<KafkaHealthCheck>("kafka", tags: [HealthTags.Ready]);
        services.AddTelemetrySource(MessagingTelemetry.Name);
        services.AddSingleton<MessagingTelemetry>();
        services.AddSingleton<IMessagingObserver>(sp => sp.GetRequiredService<MessagingTelemetry>());
        services.AddSingleton<ITopicProvisioner>(sp =>
        {
            var kafka = sp.GetRequiredService<IOptions<KafkaOptions>>().Value;
            return kafka.Mode == KafkaMode.Embedded
                ? new EmbeddedBrokerTopicProvisioner(kafka.EmbeddedControlUrl!)
                : new KafkaAdminTopicProvisioner(kafka.BootstrapServers, kafka.ReplicationFactor);
        });

        var registry = new HandlerRegistry();
        var subscription = new ConsumerSubscription();
        var plan = new MessagingStartupPlan();
        services.AddSingleton(registry);
        services.AddSingleton(subscription);
        services.AddSingleton(plan);
        services.AddSingleton<RecordDecoder>();
        services.AddSingleton(sp => new BatchApplier(
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<MessagingTables>(),
            sp.GetRequiredService<RecordDecoder>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<IOptions<MessagingOptions>>().Value.ConsumerGroup,
            sp.GetRequiredService<TimeProvider>()));

        // Order matters: hosted services start in registration order, so topics and tables exist before anything runs.
        services.AddHostedService<MessagingStartup>();
        services.AddSingleton(RelayProducer.Kafka);
        services.AddPeriodicTask<OutboxRelay>();
        return new MessagingBuilder(services, registry, subscription, plan);
    }

    private static void TryAddSingletonDataSource(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource)))
        {
            return;
        }

        services.AddSingleton(_ =>
        {
            var connectionString = configuration.GetConnectionString(PostgresConnectionName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new OptionsValidationException(
                    $"ConnectionStrings:{PostgresConnectionName}", typeof(NpgsqlDataSource),
                    [$"ConnectionStrings:{PostgresConnectionName} is required (env ConnectionStrings__{PostgresConnectionName})."]);
            }

            return BuildDataSource(connectionString);
        });
    }

    /// <summary>
    /// The data source the messaging library registers when the service registered none. Unless the connection string says
    /// otherwise, statements are prepared automatically (<c>Max Auto Prepare</c>): a consumer runs the same few statements —
    /// the handlers' and its own — over and over, and preparing them saves Postgres parsing and planning each one
    /// (measured in docs/benchmarks.md, "Exactly-once messaging"). <c>No Reset On Close</c> stays off: the outbox relay holds
    /// a session advisory lock and a LISTEN on its connection, which the reset releases if that connection goes back to the pool.
    /// </summary>
    public static NpgsqlDataSource BuildDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!Mentions(connectionString, "maxautoprepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }

        return builder.Build();
    }

    private static bool Mentions(string connectionString, string normalizedKey)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>().Any(key =>
            string.Equals(key.Replace(" ", "", StringComparison.Ordinal), normalizedKey, StringComparison.OrdinalIgnoreCase));
    }
}
