using System.Reflection;
using Microsoft.Extensions.Hosting;
using Processor.Messaging.Provisioning;
using Processor.Messaging.Storage;
using Microsoft.Extensions.Options;

namespace Processor.Messaging.DependencyInjection;

/// <summary>What a service needs in place before it consumes or publishes: its topics and its schema.</summary>
public sealed class MessagingStartupPlan
{
    public List<TopicSpec> Topics { get; } = [];

    public List<Assembly> MigrationAssemblies { get; } = [];
}

/// <summary>
/// Runs before the consumer and the relay start (hosted services start in registration order): creates the topics and
/// applies the schema migrations, so a service never touches a table or topic that is not there.
/// </summary>
public sealed class MessagingStartup(
    MessagingStartupPlan plan,
    ITopicProvisioner provisioner,
    SchemaMigrator migrator,
    IOptions<MessagingOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.Topics.Count > 0)
        {
            await provisioner.EnsureTopicsAsync(plan.Topics, cancellationToken);
        }

        await migrator.MigrateAsync(options.Value.Schema, plan.MigrationAssemblies, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
