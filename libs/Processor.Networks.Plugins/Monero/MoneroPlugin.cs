using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Monero.Rpc;

namespace Processor.Networks.Plugins.Monero;

/// <summary>The Monero plug-in: its options (<c>Monero:Rpc</c>, <c>Monero:Network</c>), validated at start, and its primitives.</summary>
public static partial class MoneroPlugin
{
    /// <summary>The plug-in's name in <c>Processor:Network</c>.</summary>
    public const string Name = "monero";

    /// <summary>Serai's NetworkId of Monero.</summary>
    public const int SeraiNetworkId = 3;

    /// <summary>Serai's CONFIRMATIONS: monerod's spendable age, so a final output can be spent at once.</summary>
    public const int Confirmations = 10;

    public static IServiceCollection AddMoneroNetwork(this IServiceCollection services)
    {
        services.AddOptions<MoneroRpcOptions>().BindConfiguration(MoneroRpcOptions.SectionName)
            .Validate(o => o.Url is not null, MoneroRpcOptions.UrlRequiredMessage).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MoneroNetworkOptions>().BindConfiguration(MoneroNetworkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MoneroNetworkOptions>, NetworkOptionsValidator>();

        services.AddSingleton(sp => MoneroChain.Find(sp.GetRequiredService<IOptions<MoneroNetworkOptions>>().Value.Name)!);
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Processor.Networks.Monero.Node");
            return new MoneroRpcClient(
                sp.GetRequiredService<IOptions<MoneroRpcOptions>>().Value,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                (failure, attempt, delay) => LogRetry(logger, failure.Kind, attempt, delay, failure.Message));
        });
        services.AddSingleton(new NetworkParameters(Name, SeraiNetworkId, MoneroOutputScanner.SeraiCoin, Confirmations));
        services.AddSingleton(MoneroPlanning.Limits);
        services.AddSingleton<INetworkNode, MoneroNode>();
        services.AddSingleton<IOutputScanner, MoneroOutputScanner>();
        services.AddSingleton<IEventualityMatcher, MoneroEventualities>();
        services.AddSingleton<IFeeRateSource, MoneroFeeRates>();
        services.AddSingleton<ITransactionFees, MoneroTransactionFees>();
        services.AddSingleton<IPlanEventualities, MoneroPlanEventualities>();
        services.AddSingleton<IPlanPreparer, MoneroPlanPreparer>();
        services.AddSingleton<INodeErrorClassifier, MoneroNodeErrors>();
        return services.AddMoneroSigning().AddMoneroAddressScripts();
    }

    /// <summary>What a service that only reads Serai's addresses needs of Monero (no node, no options).</summary>
    public static IServiceCollection AddMoneroAddressScripts(this IServiceCollection services)
    {
        services.TryAddSingleton<IAddressScripts, MoneroAddressScripts>();
        return services;
    }

    /// <summary>What the signer needs of Monero: the network key form (no node, no options).</summary>
    public static IServiceCollection AddMoneroSigning(this IServiceCollection services)
    {
        services.TryAddSingleton<INetworkKeyForm, MoneroNetworkKeyForm>();
        return services;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node call failed ({Kind}, attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, MoneroRpcErrorKind kind, int attempt, TimeSpan delay, string reason);

    /// <summary>Turns an unknown chain name into a start-up configuration error naming the setting.</summary>
    private sealed class NetworkOptionsValidator : IValidateOptions<MoneroNetworkOptions>
    {
        public ValidateOptionsResult Validate(string? name, MoneroNetworkOptions options) =>
            MoneroChain.Find(options.Name) is null ? ValidateOptionsResult.Fail(options.UnknownNameMessage) : ValidateOptionsResult.Success;
    }
}
