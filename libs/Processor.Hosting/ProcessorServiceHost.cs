using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Processor.Contracts;
using Processor.Messaging.DependencyInjection;
using Processor.Messaging.Provisioning;

namespace Processor.Hosting;

/// <summary>The start-up and run loop every processor service shares; a service's Program only names itself.</summary>
public static class ProcessorServiceHost
{
    /// <summary>Exit code of a service that refused to start because of its configuration.</summary>
    public const int ConfigurationErrorExitCode = 2;

    /// <summary>Exit code of a service that could not reach its dependencies at start-up.</summary>
    public const int StartupFailureExitCode = 1;

    /// <summary>
    /// Builds and runs <paramref name="service"/>: service defaults, exactly-once messaging on its schema with the
    /// migrations embedded in <paramref name="migrations"/>, every topic of the configured network (created if missing, so
    /// services may start in any order), and the knowledge of every contract type; <paramref name="configure"/> adds the
    /// service's handlers and subscribes it to its inputs, given the configured network's topics. Returns the process exit
    /// code; a configuration error is reported in one line, naming the setting.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] args, ServiceDefinition service, Assembly migrations, Action<MessagingBuilder, NetworkTopics>? configure = null)
    {
        try
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
            builder.AddServiceDefaults(service.HealthPort);
            var topics = Topics.For(ConfiguredNetwork(builder));
            builder.Services.AddSingleton(topics);
            var messaging = builder.AddProcessorMessaging(service.Name)
                .AddKnownTypes(MessageTypeRegistry.Default.Descriptors)
                .ProvisionTopics(topics.All.Select(t => new TopicSpec(t.Name, t.Partitions)))
                .AddMigrationsFrom(migrations);
            configure?.Invoke(messaging, topics);

            await using var app = builder.Build();
            app.MapDefaultEndpoints();
            await app.RunAsync();
            return Environment.ExitCode;
        }
        catch (OptionsValidationException ex)
        {
            await Console.Error.WriteLineAsync($"{service.Name}: configuration error: {string.Join(" ", ex.Failures)}");
            return ConfigurationErrorExitCode;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or Confluent.Kafka.KafkaException)
        {
            // Start-up could not reach what it needs (the details are in the log above); one clear line, no crash dump.
            await Console.Error.WriteLineAsync($"{service.Name}: failed to start: {ex.Message}");
            return StartupFailureExitCode;
        }
    }

    private static string ConfiguredNetwork(WebApplicationBuilder builder)
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
