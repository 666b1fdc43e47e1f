using System.CommandLine;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Crypto.Groups;

namespace Processor.Ctl.Bitcoin;

/// <summary>
/// <c>btc address (--key NETWORK_KEY_HEX | --group-key SEC1_HEX) --network NAME</c>: the processor's four addresses of a
/// network key, computed exactly as the scanner watches them (<see cref="AddressKinds"/>); prints <see cref="AddressesJson"/>.
/// <c>--group-key</c> starts from the untweaked DKG key and also shows Serai's tweak and the network key it gives.
/// </summary>
internal sealed class AddressCommand : Command
{
    private readonly Option<string> _key = new("--key")
    {
        Description = "The network key as published: 32-byte x-only (64 hex digits) or SEC1 compressed 02 ‖ x (66 hex digits)",
        HelpName = "hex",
    };

    private readonly Option<string> _groupKey = new("--group-key")
    {
        Description = "Instead of --key: the DKG group key before Serai's tweak, SEC1 compressed (66 hex digits, 02 or 03 prefix)",
        HelpName = "sec1-hex",
    };

    private readonly Option<string> _network = BitcoinCommand.NetworkOption("Network whose address prefix is used");

    public AddressCommand()
        : base("address", "Derive the processor's taproot addresses (external, branch, change, forwarded) of a network key.")
    {
        Options.Add(_key);
        Options.Add(_groupKey);
        Options.Add(_network);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var (key, groupKey) = (parsed.GetValue(_key), parsed.GetValue(_groupKey));
        if ((key is null) == (groupKey is null))
        {
            throw new UsageException("Give exactly one of --key (the network key) and --group-key (the DKG group key).");
        }

        var derivation = groupKey is null ? null : Decode(groupKey, "--group-key", bytes => NetworkKey.FromGroupKey(bytes));
        var networkKey = derivation?.NetworkKey ?? Secp256k1Group.Instance.XOnly(Decode(key!, "--key", bytes => NetworkKey.Parse(bytes)));
        var network = BitcoinNetwork.FromName(parsed.GetValue(_network)!);
        var result = new AddressesJson(
            network.Name,
            derivation is null ? null : groupKey!.Trim().ToLowerInvariant(),
            derivation is null ? null : Convert.ToHexStringLower(derivation.Tweak),
            Convert.ToHexStringLower(networkKey),
            [.. AddressKinds.All.Select(kind => new KindAddressJson(
                AddressKinds.Name(kind),
                Convert.ToHexStringLower(AddressKinds.Offset(networkKey, kind)),
                Convert.ToHexStringLower(AddressKinds.OutputKey(networkKey, kind)),
                Convert.ToHexStringLower(AddressKinds.ScriptPubKey(networkKey, kind)),
                AddressKinds.Address(networkKey, kind, network)))]);
        await parsed.InvocationConfiguration.Output.WriteLineAsync(BitcoinJsonContext.Serialize(result).AsMemory(), cancellationToken);
        return 0;
    }

    /// <summary>Decodes an option's hex and parses the bytes; a rejection becomes a usage error naming the option.</summary>
    private static T Decode<T>(string value, string option, Func<byte[], T> parse)
    {
        var hex = value.Trim();
        if (hex.Length % 2 != 0 || !hex.All(Uri.IsHexDigit))
        {
            throw new UsageException($"{option} expects hexadecimal digits.");
        }

        try
        {
            return parse(Convert.FromHexString(hex));
        }
        catch (FormatException ex)
        {
            throw new UsageException($"{option}: {ex.Message}");
        }
    }
}
