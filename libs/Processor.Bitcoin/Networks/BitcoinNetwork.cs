using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Networks;

/// <summary>
/// The parameters that differ between Bitcoin networks (and the litecoind regtest node the tests run against). They are
/// configuration, never constants in code: pick a built-in by name or bind <see cref="BitcoinNetworkOptions"/>.
/// </summary>
/// <param name="Name">The name used in configuration and on the command line, e.g. <c>mainnet</c>.</param>
/// <param name="Bech32Hrp">Human-readable part of segwit addresses (<c>bc</c>, <c>tb</c>, <c>bcrt</c>, <c>rltc</c>).</param>
/// <param name="PubKeyHashPrefix">Base58 version byte of P2PKH addresses.</param>
/// <param name="ScriptHashPrefix">Base58 version byte of P2SH addresses.</param>
/// <param name="GenesisHash">Hash of block 0, to check that a node serves the configured network.</param>
/// <param name="Confirmations">Depth at which a block counts as final (the tip counts as one).</param>
/// <param name="DustThreshold">Outputs and payments below this many satoshis are ignored.</param>
/// <param name="ProofOfWorkIsSha256">Whether header proof of work can be checked with SHA-256d (false for litecoind: scrypt).</param>
public sealed record BitcoinNetwork(
    string Name,
    string Bech32Hrp,
    byte PubKeyHashPrefix,
    byte ScriptHashPrefix,
    Hash256 GenesisHash,
    int Confirmations,
    long DustThreshold,
    bool ProofOfWorkIsSha256)
{
    /// <summary>Serai's Bitcoin dust: smaller outputs cost more to spend than they are worth to the protocol.</summary>
    public const long DefaultDustThreshold = 10_000;

    /// <summary>Serai's Bitcoin finality depth.</summary>
    public const int DefaultConfirmations = 6;

    public static BitcoinNetwork Mainnet { get; } = new(
        "mainnet", "bc", 0x00, 0x05,
        Hash256.Parse("000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f"),
        DefaultConfirmations, DefaultDustThreshold, ProofOfWorkIsSha256: true);

    public static BitcoinNetwork Testnet { get; } = new(
        "testnet", "tb", 0x6f, 0xc4,
        Hash256.Parse("000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943"),
        DefaultConfirmations, DefaultDustThreshold, ProofOfWorkIsSha256: true);

    public static BitcoinNetwork Signet { get; } = new(
        "signet", "tb", 0x6f, 0xc4,
        Hash256.Parse("00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6"),
        DefaultConfirmations, DefaultDustThreshold, ProofOfWorkIsSha256: true);

    public static BitcoinNetwork Regtest { get; } = new(
        "regtest", "bcrt", 0x6f, 0xc4,
        Hash256.Parse("0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206"),
        DefaultConfirmations, DefaultDustThreshold, ProofOfWorkIsSha256: true);

    /// <summary>
    /// Litecoin Core 0.21 in regtest, the project's test node: Bitcoin's transaction and block format (MWEB kept
    /// inactive), its own address prefixes and genesis, and scrypt proof of work (block ids are still SHA-256d).
    /// </summary>
    public static BitcoinNetwork LitecoinRegtest { get; } = new(
        "litecoin-regtest", "rltc", 0x6f, 0x3a,
        Hash256.Parse("530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9"),
        DefaultConfirmations, DefaultDustThreshold, ProofOfWorkIsSha256: false);

    /// <summary>The built-in networks, by <see cref="Name"/>.</summary>
    public static IReadOnlyList<BitcoinNetwork> BuiltIn { get; } = [Mainnet, Testnet, Signet, Regtest, LitecoinRegtest];

    /// <summary>The built-in network called <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No built-in network has that name; the message lists the known ones.</exception>
    public static BitcoinNetwork FromName(string name) =>
        BuiltIn.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException(
            $"Unknown Bitcoin network '{name}' (known: {string.Join(", ", BuiltIn.Select(n => n.Name))}).", nameof(name));
}
