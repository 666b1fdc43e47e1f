using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Processor.Networks.Plugins;
using Processor.Networks.Plugins.Bitcoin;
using Processor.Networks.Plugins.Monero;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Registers the network plug-in that <c>Processor:Network</c> names: its first dash-separated part (<c>bitcoin</c>,
/// <c>bitcoin-testnet</c>, <c>bitcoin-alice</c> all select Bitcoin), so that several processors can share a broker under
/// distinct topic names. Services resolve only the primitives of <c>Processor.Networks</c>; adding a network adds a case here.
/// </summary>
public static class NetworkPlugins
{
    /// <summary>The setting that selects the plug-in.</summary>
    public const string Setting = "Processor:Network";

    /// <summary>The plug-ins, by name.</summary>
    public static IReadOnlyList<string> Names { get; } = [BitcoinPlugin.Name, MoneroPlugin.Name];

    /// <summary>Registers the plug-in of <paramref name="network"/> (the value of <see cref="Setting"/>).</summary>
    /// <exception cref="OptionsValidationException">No plug-in has that name; the message names the setting and the known ones.</exception>
    public static IServiceCollection AddConfiguredNetwork(this IServiceCollection services, string network)
    {
        ArgumentNullException.ThrowIfNull(network);
        services.AddTransientFailureRule<NodeFailureRule>();
        return PluginOf(network) switch
        {
            BitcoinPlugin.Name => services.AddBitcoinNetwork(),
            MoneroPlugin.Name => services.AddMoneroNetwork(),
            _ => throw UnknownPlugin(network),
        };
    }

    /// <summary>
    /// Registers only what the signer needs of the plug-in, <see cref="Processor.Networks.INetworkKeyForm"/> (key generation)
    /// and <see cref="Processor.Networks.ITransactionSigningPlanner"/> (transaction signing), without the node connection:
    /// the signer never talks to a node.
    /// </summary>
    /// <exception cref="OptionsValidationException">No plug-in has that name.</exception>
    public static IServiceCollection AddConfiguredNetworkSigning(this IServiceCollection services, string network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return PluginOf(network) switch
        {
            BitcoinPlugin.Name => services.AddBitcoinSigning(),
            MoneroPlugin.Name => services.AddMoneroSigning(),
            _ => throw UnknownPlugin(network),
        };
    }

    /// <summary>Registers only <see cref="Processor.Networks.IAddressScripts"/> of the plug-in (no node connection, no options).</summary>
    /// <exception cref="OptionsValidationException">No plug-in has that name.</exception>
    public static IServiceCollection AddConfiguredNetworkAddressScripts(this IServiceCollection services, string network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return PluginOf(network) switch
        {
            BitcoinPlugin.Name => services.AddBitcoinAddressScripts(),
            MoneroPlugin.Name => services.AddMoneroAddressScripts(),
            _ => throw UnknownPlugin(network),
        };
    }

    private static string PluginOf(string network) => network.Split('-', 2)[0];

    private static OptionsValidationException UnknownPlugin(string network) => new(Setting, typeof(string), [
        $"{Setting} is '{network}', which names no network plug-in (known: {string.Join(", ", Names)}; " +
        "a name may go on after a dash, e.g. 'bitcoin-testnet').",
    ]);
}
