using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Networks;

/// <summary>
/// The network as configuration (section <see cref="SectionName"/>): a built-in <see cref="Name"/>, optionally with
/// some parameters overridden (e.g. fewer confirmations on a test chain), or a new name with every parameter given.
/// </summary>
public sealed class BitcoinNetworkOptions
{
    public const string SectionName = "Bitcoin:Network";

    public string Name { get; set; } = BitcoinNetwork.Mainnet.Name;

    public string? Bech32Hrp { get; set; }

    public byte? PubKeyHashPrefix { get; set; }

    public byte? ScriptHashPrefix { get; set; }

    /// <summary>Display (reversed) hex, as bitcoind prints it.</summary>
    public string? GenesisHash { get; set; }

    public int? Confirmations { get; set; }

    public long? DustThreshold { get; set; }

    public bool? ProofOfWorkIsSha256 { get; set; }

    /// <summary>The configured network: the built-in of that name with the given overrides, or a fully specified new one.</summary>
    /// <exception cref="ArgumentException">A parameter is missing or out of range; the message names it.</exception>
    public BitcoinNetwork Resolve()
    {
        var builtIn = BitcoinNetwork.BuiltIn.FirstOrDefault(n => string.Equals(n.Name, Name, StringComparison.OrdinalIgnoreCase));
        var network = new BitcoinNetwork(
            builtIn?.Name ?? Name,
            Bech32Hrp ?? builtIn?.Bech32Hrp ?? throw Missing(nameof(Bech32Hrp)),
            PubKeyHashPrefix ?? builtIn?.PubKeyHashPrefix ?? throw Missing(nameof(PubKeyHashPrefix)),
            ScriptHashPrefix ?? builtIn?.ScriptHashPrefix ?? throw Missing(nameof(ScriptHashPrefix)),
            GenesisHash is null ? builtIn?.GenesisHash ?? throw Missing(nameof(GenesisHash)) : ParseHash(GenesisHash),
            Confirmations ?? builtIn?.Confirmations ?? BitcoinNetwork.DefaultConfirmations,
            DustThreshold ?? builtIn?.DustThreshold ?? BitcoinNetwork.DefaultDustThreshold,
            ProofOfWorkIsSha256 ?? builtIn?.ProofOfWorkIsSha256 ?? throw Missing(nameof(ProofOfWorkIsSha256)));

        if (network.Confirmations < 1)
        {
            throw new ArgumentException($"{SectionName}:{nameof(Confirmations)} must be at least 1, not {network.Confirmations}.");
        }

        if (network.DustThreshold < 0)
        {
            throw new ArgumentException($"{SectionName}:{nameof(DustThreshold)} must not be negative.");
        }

        if (network.Bech32Hrp.Length == 0 || network.Bech32Hrp.Any(c => c is < '!' or > '~' || char.IsUpper(c)))
        {
            throw new ArgumentException($"{SectionName}:{nameof(Bech32Hrp)} '{network.Bech32Hrp}' is not a lower-case bech32 prefix.");
        }

        return network;
    }

    private ArgumentException Missing(string parameter) => new(
        $"{SectionName}:{parameter} is required for '{Name}', which is not a built-in network "
        + $"({string.Join(", ", BitcoinNetwork.BuiltIn.Select(n => n.Name))}).");

    private static Hash256 ParseHash(string hex)
    {
        try
        {
            return Hash256.Parse(hex);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"{SectionName}:{nameof(GenesisHash)}: {ex.Message}", ex);
        }
    }
}
