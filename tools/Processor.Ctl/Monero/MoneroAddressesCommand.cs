using System.CommandLine;
using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;

namespace Processor.Ctl.Monero;

/// <summary>
/// <c>xmr addresses --spend-key HEX [--view-key HEX] [--network NAME]</c>: the standard address of a group spend key and the
/// subaddresses the processor receives each kind of output on (<see cref="SeraiSubaddresses"/>), with Serai's shared view
/// key (<see cref="SeraiViewKey"/>) unless a private view key is given; prints <see cref="MoneroAddressesJson"/>.
/// </summary>
internal sealed class MoneroAddressesCommand : Command
{
    private readonly Option<string> _spendKey = new("--spend-key")
    {
        Description = "The public spend key: the group key of the key generation (32-byte Ed25519 point, 64 hex digits)",
        HelpName = "hex",
        Required = true,
    };

    private readonly Option<string> _viewKey = new("--view-key")
    {
        Description = "A private view key (32-byte scalar, 64 hex digits) instead of Serai's shared view key",
        HelpName = "hex",
    };

    private readonly Option<MoneroNetwork> _network = MoneroCommand.NetworkOption();

    public MoneroAddressesCommand()
        : base("addresses", "Derive the processor's Monero addresses (standard; external, branch, change, forwarded subaddresses) of a group spend key.")
    {
        Options.Add(_spendKey);
        Options.Add(_viewKey);
        Options.Add(_network);
        SetAction(RunAsync);
    }

    private async Task<int> RunAsync(ParseResult parsed, CancellationToken cancellationToken)
    {
        var spendKey = MoneroCommand.Decode32(parsed.GetValue(_spendKey)!, "--spend-key", bytes => EdwardsPoint.Decode(bytes, "spend key"));
        var given = parsed.GetValue(_viewKey);
        using var viewKey = given is null ? SeraiViewKey.Derive() : MoneroCommand.Decode32(given, "--view-key", bytes => MoneroScalars.Decode(bytes, "view key"));
        var network = parsed.GetValue(_network);
        var standard = new MoneroAddress(network, MoneroAddressKind.Standard, spendKey, EdwardsPoint.MultiplyBase(viewKey));
        var result = new MoneroAddressesJson(
            network.ToString().ToLowerInvariant(),
            spendKey.ToString(),
            given is null ? "serai-shared" : "given",
            standard.ViewKey.ToString(),
            standard.ToString(),
            [.. SeraiSubaddresses.All.Select(kind => KindAddress(kind.Kind, kind.Index, spendKey, viewKey, network))]);
        await parsed.InvocationConfiguration.Output.WriteLineAsync(MoneroJsonContext.Serialize(result).AsMemory(), cancellationToken);
        return 0;
    }

    private static MoneroKindAddressJson KindAddress(string kind, SubaddressIndex index, EdwardsPoint spendKey, Scalar viewKey, MoneroNetwork network)
    {
        var (spend, view) = WalletKeys.SubaddressPublicKeys(spendKey, viewKey, index.Major, index.Minor);
        var address = new MoneroAddress(network, MoneroAddressKind.Subaddress, spend, view);
        return new MoneroKindAddressJson(kind, index.Major, index.Minor, spend.ToString(), view.ToString(), address.ToString());
    }
}
