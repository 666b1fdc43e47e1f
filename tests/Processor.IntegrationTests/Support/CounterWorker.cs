using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Processor.Messaging.TestWorker;
using Processor.Testing;

namespace Processor.IntegrationTests.Support;

/// <summary>The counter worker's configuration, as command-line style key/value pairs.</summary>
public sealed record CounterWorkerConfig(CounterTopics Topics, string Schema, string Group)
{
    /// <summary><c>counter</c> (the default) or <c>downstream</c> (consumes the counter's output).</summary>
    public string Role { get; init; } = WorkerRoles.Counter;

    public string CrashAt { get; init; } = "none";

    public int CrashAfter { get; init; } = 1;

    public int MaxBatchSize { get; init; } = 500;

    public ParkGate? ParkGate { get; init; }

    /// <summary>The Postgres server the worker keeps its schema on (a fault test may give it a server of its own).</summary>
    public string ConnectionString { get; init; } = PostgresServer.ConnectionString;

    /// <summary>Postgres cancels any of the worker's statements that runs longer (<c>statement_timeout</c>); null: no limit.</summary>
    public TimeSpan? StatementTimeout { get; init; }

    /// <summary>The consumer's <c>max.poll.interval.ms</c>; null: librdkafka's default (5 minutes).</summary>
    public int? MaxPollIntervalMs { get; init; }

    /// <summary>The longest back-off of retries (consumer and relay); null: the library's default.</summary>
    public TimeSpan? MaxRetryBackoff { get; init; }

    /// <inheritdoc cref="WorkerSettings.TransientFailures"/>
    public int TransientFailures { get; init; }

    /// <inheritdoc cref="WorkerSettings.SlowBatches"/>
    public SlowBatches? SlowBatches { get; init; }

    /// <summary>A reader of this worker's state and messaging tables.</summary>
    public CounterState ReadState() => new(Schema, ConnectionString);

    public Dictionary<string, string?> ToSettings()
    {
        var connectionString = StatementTimeout is { } timeout
            ? new NpgsqlConnectionStringBuilder(ConnectionString) { Options = $"-c statement_timeout={(int)timeout.TotalMilliseconds}" }.ConnectionString
            : ConnectionString;
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = connectionString,
            ["Kafka:BootstrapServers"] = Topics.Broker.BootstrapServers,
            ["Kafka:SessionTimeoutMs"] = "3000",
            ["Messaging:Schema"] = Schema,
            ["Messaging:ConsumerGroup"] = Group,
            ["Messaging:RetryBackoff"] = "00:00:00.050",
            ["Messaging:MaxBatchSize"] = MaxBatchSize.ToString(CultureInfo.InvariantCulture),
            ["Messaging:ParkRecheckInterval"] = "00:00:00.200",
            ["Worker:Role"] = Role,
            ["Worker:InputTopic"] = Topics.Input,
            ["Worker:OutputTopic"] = Topics.Output,
            ["Worker:CrashAt"] = CrashAt,
            ["Worker:CrashAfter"] = CrashAfter.ToString(CultureInfo.InvariantCulture),
            ["Worker:TransientFailures"] = TransientFailures.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
        if (MaxPollIntervalMs is { } maxPollInterval)
        {
            settings["Kafka:Consumer:max.poll.interval.ms"] = maxPollInterval.ToString(CultureInfo.InvariantCulture);
        }

        if (MaxRetryBackoff is { } maxBackoff)
        {
            settings["Messaging:MaxRetryBackoff"] = maxBackoff.ToString("c", CultureInfo.InvariantCulture);
        }

        if (SlowBatches is { } slow)
        {
            settings["Worker:SlowBatches:Count"] = slow.Count.ToString(CultureInfo.InvariantCulture);
            settings["Worker:SlowBatches:Delay"] = slow.Delay.ToString("c", CultureInfo.InvariantCulture);
        }

        if (ParkGate is { } gate)
        {
            settings["Worker:ParkKeysUntilCounterExists:Prefix"] = gate.Prefix;
            settings["Worker:ParkKeysUntilCounterExists:Counter"] = gate.Counter;
        }

        return settings;
    }

    public static CounterWorkerConfig Create(CounterTopics topics) =>
        new(topics, PostgresServer.CreateSchemaName("counter"), "group-" + Guid.NewGuid().ToString("N"));
}

/// <summary>The counter worker hosted in the test process (fast; for behaviour that needs no process kill).</summary>
public sealed class InProcessCounterWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessCounterWorker(IHost host) => _host = host;

    /// <param name="config">The worker's settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="replaceServices">Registrations that replace the library's own (e.g. the relay's producer factory).</param>
    public static async Task<InProcessCounterWorker> StartAsync(
        CounterWorkerConfig config, CancellationToken cancellationToken, Action<IServiceCollection>? replaceServices = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(config.ToSettings());
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging")).AddConsole();
        var settings = builder.Configuration.GetSection("Worker").Get<WorkerSettings>()!;
        builder.Services.AddSingleton(settings);
        builder.AddProcessorMessaging("worker").AddWorkerRole(settings);
        replaceServices?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new InProcessCounterWorker(host);
    }

    public IServiceProvider Services => _host.Services;

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(CancellationToken.None);
        _host.Dispose();
    }
}
