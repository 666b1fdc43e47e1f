using Processor.Monero.Addresses;

namespace Processor.Networks.Plugins.Monero;

/// <summary>A Monero chain the plug-in can serve: how monerod names it in <c>get_info</c> and which address prefixes it uses.</summary>
/// <param name="Name">The name in <c>Monero:Network:Name</c>.</param>
/// <param name="NodeNetworkType">monerod's <c>nettype</c> for it (regtest is <c>fakechain</c>).</param>
/// <param name="AddressNetwork">Its address prefixes (regtest uses mainnet's).</param>
public sealed record MoneroChain(string Name, string NodeNetworkType, MoneroNetwork AddressNetwork)
{
    public static MoneroChain Mainnet { get; } = new("mainnet", "mainnet", MoneroNetwork.Mainnet);

    public static MoneroChain Testnet { get; } = new("testnet", "testnet", MoneroNetwork.Testnet);

    public static MoneroChain Stagenet { get; } = new("stagenet", "stagenet", MoneroNetwork.Stagenet);

    /// <summary><c>monerod --regtest</c>: the mainnet genesis and address prefixes, hard fork 16 from height 1.</summary>
    public static MoneroChain Regtest { get; } = new("regtest", "fakechain", MoneroNetwork.Mainnet);

    public static IReadOnlyList<MoneroChain> All { get; } = [Mainnet, Testnet, Stagenet, Regtest];

    /// <summary>The chain named <paramref name="name"/> (case-insensitive), or null.</summary>
    public static MoneroChain? Find(string? name) => All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Which Monero chain the node serves (section <see cref="SectionName"/>).</summary>
public sealed class MoneroNetworkOptions
{
    public const string SectionName = "Monero:Network";

    /// <summary>One of <see cref="MoneroChain.All"/> by name.</summary>
    public string Name { get; set; } = MoneroChain.Mainnet.Name;

    /// <summary>Why a configuration naming no chain is refused.</summary>
    public string UnknownNameMessage =>
        $"{SectionName}:{nameof(Name)} is '{Name}', which is not a Monero chain (known: {string.Join(", ", MoneroChain.All.Select(c => c.Name))}).";
}
