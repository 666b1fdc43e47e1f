using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Rpc;

namespace Processor.Networks.Plugins.Bitcoin;

/// <summary>The Bitcoin plug-in: its options (<c>Bitcoin:Rpc</c>, <c>Bitcoin:Network</c>), validated at start, and its primitives.</summary>
public static partial class BitcoinPlugin
{
    /// <summary>The plug-in's name in <c>Processor:Network</c>.</summary>
    public const string Name = "bitcoin";

    /// <summary>Serai's NetworkId of Bitcoin.</summary>
    public const int SeraiNetworkId = 1;

    public static IServiceCollection AddBitcoinNetwork(this IServiceCollection services)
    {
        services.AddOptions<BitcoinRpcOptions>().BindConfiguration(BitcoinRpcOptions.SectionName)
            .Validate(o => o.Url is not null, BitcoinRpcOptions.UrlRequiredMessage).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BitcoinNetworkOptions>().BindConfiguration(BitcoinNetworkOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BitcoinNetworkOptions>, NetworkOptionsValidator>();

        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BitcoinNetworkOptions>>().Value.Resolve());
        services.AddSingleton(sp =>
        {
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Processor.Networks.Bitcoin.Node");
            return new BitcoinRpcClient(
                sp.GetRequiredService<IOptions<BitcoinRpcOptions>>().Value,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                (failure, attempt, delay) => LogRetry(logger, failure.Kind, attempt, delay, failure.Message));
        });
        services.AddSingleton(sp => new NetworkParameters(
            Name, SeraiNetworkId, BitcoinOutputScanner.SeraiCoin, sp.GetRequiredService<BitcoinNetwork>().Confirmations));
        services.AddSingleton(sp => BitcoinPlanning.Limits(sp.GetRequiredService<BitcoinNetwork>()));
        services.AddSingleton<INetworkNode, BitcoinNode>();
        services.AddSingleton<IOutputScanner, BitcoinOutputScanner>();
        services.AddSingleton<IEventualityMatcher, BitcoinEventualities>();
        services.AddSingleton<IFeeRateSource, BitcoinFeeRates>();
        services.AddSingleton<ITransactionFees, BitcoinTransactionFees>();
        services.AddSingleton<IPlanEventualities, BitcoinPlanEventualities>();
        services.AddSingleton<IPlanPreparer, NoPlanPreparation>();
        services.AddSingleton<INodeErrorClassifier, BitcoinNodeErrors>();
        return services.AddBitcoinSigning().AddBitcoinAddressScripts();
    }

    /// <summary>What a service that only reads Serai's addresses needs of Bitcoin (no node, no options).</summary>
    public static IServiceCollection AddBitcoinAddressScripts(this IServiceCollection services)
    {
        services.TryAddSingleton<IAddressScripts, BitcoinAddressScripts>();
        return services;
    }

    /// <summary>What the signer needs of Bitcoin: the network key form and the transaction planner (no node, no options).</summary>
    public static IServiceCollection AddBitcoinSigning(this IServiceCollection services)
    {
        services.TryAddSingleton<INetworkKeyForm>(new BitcoinNetworkKeyForm(SeraiNetworkId));
        services.TryAddSingleton<ITransactionSigningPlanner, BitcoinTransactionPlanner>();
        return services;
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
