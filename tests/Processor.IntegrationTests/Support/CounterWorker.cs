using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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

    public Dictionary<string, string?> ToSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = PostgresServer.ConnectionString,
            ["Kafka:BootstrapServers"] = KafkaBroker.BootstrapServers,
            ["Kafka:SessionTimeoutMs"] = "3000",
            ["Messaging:Schema"] = Schema,
            ["Messaging:ConsumerGroup"] = Group,
            ["Messaging:RetryBackoff"] = "00:00:00.050",
            ["Messaging:MaxBatchSize"] = MaxBatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:ParkRecheckInterval"] = "00:00:00.200",
            ["Worker:Role"] = Role,
            ["Worker:InputTopic"] = Topics.Input,
            ["Worker:OutputTopic"] = Topics.Output,
            ["Worker:CrashAt"] = CrashAt,
            ["Worker:CrashAfter"] = CrashAfter.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Default"] = "Warning",
        };
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
