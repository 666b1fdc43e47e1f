namespace Processor.Monero.Addresses;

/// <summary>A Monero network, which fixes the address prefixes. Regtest (monerod <c>--regtest</c>) uses mainnet's.</summary>
public enum MoneroNetwork
{
    /// <summary>Mainnet, and regtest.</summary>
    Mainnet,

    /// <summary>Testnet.</summary>
    Testnet,

    /// <summary>Stagenet.</summary>
    Stagenet,
}
