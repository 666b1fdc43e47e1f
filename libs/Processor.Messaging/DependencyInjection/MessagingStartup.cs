using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Hosting.Failures;
using Processor.Messaging.Provisioning;
using Processor.Messaging.Storage;

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
public sealed partial class MessagingStartup(
    MessagingStartupPlan plan,
    ITopicProvisioner provisioner,
    SchemaMigrator migrator,
    TransientFailureClassifier failures,
    IOptions<MessagingOptions> options,
    TimeProvider time,
    ILogger<MessagingStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (plan.Topics.Count > 0)
        {
            await provisioner.EnsureTopicsAsync(plan.Topics, cancellationToken);
        }

        await MigrateWhenPostgresIsUpAsync(cancellationToken);
    }

    /// <summary>Postgres may still be starting next to the service: wait for it (bounded) instead of crash-looping.</summary>
    private async Task MigrateWhenPostgresIsUpAsync(CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.Value.StartupTimeout;
        var backoff = options.Value.RetryBackoff;
        while (true)
        {
            try
            {
                await migrator.MigrateAsync(options.Value.Schema, plan.MigrationAssemblies, cancellationToken);
                return;
            }
            catch (Exception ex) when (failures.IsTransient(ex))
            {
                if (time.GetUtcNow() + backoff > deadline)
                {
                    throw new InvalidOperationException(
                        $"Postgres did not become reachable within {options.Value.StartupTimeout.TotalSeconds:F0} s " +
                        $"(Messaging:StartupTimeout): {ex.Message}", ex);
                }

                LogWaitingForPostgres(logger, ex.Message, backoff);
                await Task.Delay(backoff, time, cancellationToken);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.MaxRetryBackoff.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Postgres is not reachable yet ({Reason}); retrying in {Backoff}")]
    private static partial void LogWaitingForPostgres(ILogger logger, string reason, TimeSpan backoff);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
