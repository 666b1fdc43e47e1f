using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processor.CoordinatorSimulator.Simulation;
using Processor.Messaging.Provisioning;

namespace Microsoft.Extensions.Hosting;

/// <summary>The simulator as a process: options from the <c>Simulator</c> section, the Kafka link, the simulation, the relay loop.</summary>
public static class SimulatorRegistration
{
    /// <summary>The control surface's default address (loopback only) when <c>Urls</c> is not set.</summary>
    public const string DefaultUrl = "http://127.0.0.1:7190";

    public static WebApplicationBuilder AddCoordinatorSimulator(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Coins, misbehaviours, plan states and reasons read and print as their names ("Bitcoin"), not numbers.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        builder.Services.AddOptions<SimulatorOptions>()
            .BindConfiguration(SimulatorOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<SimulatorOptions>>().Value);
        builder.Services.AddSingleton<KafkaCoordinatorLink>();
        builder.Services.AddSingleton<ICommandSender>(sp => sp.GetRequiredService<KafkaCoordinatorLink>());
        builder.Services.AddSingleton<CoordinatorSimulation>();
        builder.Services.AddSingleton<ITopicProvisioner>(sp =>
        {
            var options = sp.GetRequiredService<SimulatorOptions>();
            return options.EmbeddedControlUrl is { } control
                ? new EmbeddedBrokerTopicProvisioner(control)
                : new KafkaAdminTopicProvisioner(options.BootstrapServers);
        });
        builder.Services.AddHostedService<SimulatorRelayService>();
        return builder;
    }

    private sealed class SimulatorOptionsValidation : IValidateOptions<SimulatorOptions>
    {
        public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
        {
            var errors = options.Validate();
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }

    /// <summary>Creates the validators' topics, then relays until the host stops.</summary>
    private sealed class SimulatorRelayService(
        KafkaCoordinatorLink link, CoordinatorSimulation simulation, ITopicProvisioner provisioner) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await link.ProvisionAsync(provisioner, stoppingToken);
            await link.RunAsync(simulation.HandleAsync, stoppingToken);
        }
    }
}
