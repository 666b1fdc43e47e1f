using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Rpc;
using Processor.Contracts;
using Processor.Contracts.Scheduler.V1;
using Processor.Contracts.Signer.V1;
using Processor.Hosting;
using Processor.Scanner.Handlers;
using Processor.Scanner.Health;
using Processor.Scanner.Scanning;
using Processor.Scanner.Storage;

namespace Processor.Scanner;

/// <summary>
/// The scanner's parts: its messaging (as the catalog defines it) and migrations, its options, the node client, the scan
/// loop, its health check and its two handlers.
/// </summary>
public static partial class ScannerRegistration
{
    public static IHostApplicationBuilder AddScanner(this IHostApplicationBuilder builder)
    {
        var messaging = builder.AddServiceMessaging(ServiceCatalog.Scanner).AddMigrationsFrom(typeof(ScannerRegistration).Assembly);
        var services = builder.Services;
        services.AddOptions<ScannerOptions>().BindConfiguration(ScannerOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => o.MaxRetryInterval >= o.PollInterval, "Scanner:MaxRetryInterval must be at least Scanner:PollInterval.")
            .ValidateOnStart();
        services.AddOptions<BitcoinRpcOptions>().BindConfiguration(BitcoinRpcOptions.SectionName)
            .Validate(o => o.Url is not null, BitcoinRpcOptions.UrlRequiredMessage).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BitcoinNetworkOptions>().BindConfiguration(BitcoinNetworkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BitcoinNetworkOptions>, NetworkOptionsValidator>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BitcoinNetworkOptions>>().Value.Resolve());
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Processor.Scanner.Node");
            return new BitcoinRpcClient(
                sp.GetRequiredService<IOptions<BitcoinRpcOptions>>().Value,
                sp.GetRequiredService<TimeProvider>(),
                (failure, attempt, delay) => LogRetry(logger, failure.Kind, attempt, delay, failure.Message));
        });
        services.AddSingleton<ScannerStore>();
        services.AddSingleton<ScannerEvents>();
        services.AddSingleton<ReorgGuard>();
        services.AddSingleton<ChainScanner>();
        services.AddSingleton<ScannerStatus>();
        services.AddPeriodicTask<ScanLoop>();
        services.AddTransientFailureRule<NodeTransientFailureRule>();
        services.AddHealthChecks().AddCheck<ScannerHealthCheck>("scanner", tags: [HealthTags.Ready]);
        messaging
            .AddHandler<KeyActivated, KeyActivatedHandler>()
            .AddHandler<PlanCreated, PlanCreatedHandler>()
            .ConsumeFrom(ServiceCatalog.Scanner.Consumes);
        return builder;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node call failed ({Kind}, attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, RpcErrorKind kind, int attempt, TimeSpan delay, string reason);

    /// <summary>Turns an unresolvable network configuration into a start-up configuration error naming the setting.</summary>
    private sealed class NetworkOptionsValidator : IValidateOptions<BitcoinNetworkOptions>
    {
        public ValidateOptionsResult Validate(string? name, BitcoinNetworkOptions options)
        {
            try
            {
                options.Resolve();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail(ex.Message);
            }
        }
    }
}
