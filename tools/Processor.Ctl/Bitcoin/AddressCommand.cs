using System.CommandLine;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Crypto.Secp256k1;

namespace Processor.Ctl.Bitcoin;

/// <summary>
/// <c>btc address --key XONLY_HEX --kind KIND --network NAME</c>: the processor's taproot address of a kind for a group
/// key, computed exactly as the scanner watches it (<see cref="AddressKinds"/>); prints <see cref="AddressJson"/>.
/// </summary>
internal sealed class AddressCommand : Command
{
    private readonly Option<string> _key = new("--key")
    {
        Description = "The group key: 32-byte x-only public key in hex (the group key is kept even-Y)",
        HelpName = "xonly-hex",
        Required = true,
    };

    private readonly Option<string> _kind = new("--kind")
    {
        Description = $"Address kind: {string.Join("|", AddressKinds.All.Select(AddressKinds.Name))}",
        HelpName = "kind",
        Required = true,
    };

    private readonly Option<string> _network = BitcoinCommand.NetworkOption("Network whose address prefix is used");

    public AddressCommand()
        : base("address", "Derive the processor's taproot address of a kind for a group key.")
    {
        _kind.AcceptOnlyFromAmong([.. AddressKinds.All.Select(AddressKinds.Name)]);
        Options.Add(_key);
        Options.Add(_kind);
        Options.Add(_network);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var keyHex = parsed.GetValue(_key)!.Trim();
        var key = keyHex.Length == 2 * Bip340.KeyLength && keyHex.All(Uri.IsHexDigit) ? Convert.FromHexString(keyHex) : null;
        if (key is null || !Bip340.IsValidXOnlyPublicKey(key))
        {
            throw new UsageException("--key expects an x-only public key: 64 hex digits naming the X coordinate of a secp256k1 point.");
        }

        var kind = AddressKinds.Parse(parsed.GetValue(_kind)!);
        var network = BitcoinNetwork.FromName(parsed.GetValue(_network)!);
        var result = new AddressJson(
            network.Name,
            AddressKinds.Name(kind),
            Convert.ToHexStringLower(key),
            Convert.ToHexStringLower(AddressKinds.InternalKey(key, kind)),
            Convert.ToHexStringLower(AddressKinds.OutputKey(key, kind)),
            Convert.ToHexStringLower(AddressKinds.ScriptPubKey(key, kind)),
            AddressKinds.Address(key, kind, network));
        await parsed.InvocationConfiguration.Output.WriteLineAsync(BitcoinJsonContext.Serialize(result).AsMemory(), cancellationToken);
        return 0;
    }
}
