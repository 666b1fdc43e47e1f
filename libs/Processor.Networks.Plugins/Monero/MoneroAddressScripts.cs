namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// Burn destinations and the key's own addresses as Serai's address bytes (<see cref="SeraiMoneroAddress"/>): what a plan
/// pays, and what the scanner reports its outputs locked by.
/// </summary>
public sealed class MoneroAddressScripts : IAddressScripts
{
    public byte[]? PaymentScript(ReadOnlySpan<byte> externalAddress) => SeraiMoneroAddress.Payable(externalAddress);

    public byte[] OwnScript(ReadOnlySpan<byte> networkKey, OutputKind kind)
    {
        try
        {
            var (spend, view) = MoneroNetworkKey.AddressKeys(networkKey, kind);
            return SeraiMoneroAddress.OfSubaddress(spend, view);
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Not a Monero network key: {ex.Message}", nameof(networkKey), ex);
        }
    }
}
