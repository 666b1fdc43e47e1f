using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Processor.CoordinatorSimulator.Control;
using Processor.CoordinatorSimulator.Simulation;

namespace Processor.Devnet;

/// <summary>
/// The coordinator simulator hosted in the devnet, registered exactly as its own process registers it
/// (<c>AddCoordinatorSimulator</c>), with its control API on 127.0.0.1:7190 so a newcomer can look at it (<c>GET /state</c>)
/// and burn more (<c>POST /burns</c>) while the devnet runs. Its warnings and errors go to the devnet's output.
/// </summary>
internal sealed class SimulatorHost : IAsyncDisposable
{
    public const int ControlPort = 7190;

    private readonly WebApplication _app;

    private SimulatorHost(WebApplication app)
    {
        _app = app;
        Simulation = app.Services.GetRequiredService<CoordinatorSimulation>();
    }

    /// <summary>The scripted API the demo drives.</summary>
    public CoordinatorSimulation Simulation { get; }

    public Uri ControlUrl { get; } = new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ControlPort}/"));

    /// <summary>Starts the simulator for <paramref name="validators"/> (validator i is participant i) with signing threshold <paramref name="threshold"/>.</summary>
    public static async Task<SimulatorHost> StartAsync(
        string network, string bootstrapServers, Uri embeddedControlUrl, IReadOnlyList<DevnetValidator> validators, int threshold,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        var settings = new Dictionary<string, string?>
        {
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{ControlPort}"),
            ["Simulator:Network"] = network,
            ["Simulator:BootstrapServers"] = bootstrapServers,
            ["Simulator:EmbeddedControlUrl"] = embeddedControlUrl.AbsoluteUri,
            ["Simulator:Threshold"] = threshold.ToString(CultureInfo.InvariantCulture),
            // Every participant is a local process: a silent one is noticed sooner than on a real network.
            ["Simulator:SigningTimeout"] = "00:00:15",
            ["Simulator:KeyGenerationTimeout"] = "00:00:30",
        };
        for (var i = 0; i < validators.Count; i++)
        {
            settings[string.Create(CultureInfo.InvariantCulture, $"Simulator:Validators:{i}:Namespace")] = validators[i].Namespace;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddProvider(new DevnetLoggerProvider());
        builder.AddCoordinatorSimulator();
        var app = builder.Build();
        app.MapSimulatorControl();
        try
        {
            await app.StartAsync(cancellationToken);
            return new SimulatorHost(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    /// <summary>Writes the simulator's log lines through <see cref="DevnetConsole"/>, one line each.</summary>
    private sealed class DevnetLoggerProvider : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new DevnetLogger(categoryName[(categoryName.LastIndexOf('.') + 1)..]);

        public void Dispose()
        {
        }

        private sealed class DevnetLogger(string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    var text = formatter(state, exception) + (exception is null ? "" : $" ({exception.GetType().Name}: {exception.Message})");
                    DevnetConsole.Simulator($"{category}: {text}", isProblem: true);
                }
            }
        }
    }
}
