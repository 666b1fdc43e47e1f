using Processor.Bitcoin.Addresses;
using Processor.Networks;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Plugin;

/// <summary>
/// Burn destinations as scriptPubKeys (<see cref="SeraiExternalAddress"/>) and the key's own addresses as the scanner
/// watches them (<see cref="AddressKinds"/>).
/// </summary>
public sealed class BitcoinAddressScripts : IAddressScripts
{
    public byte[]? PaymentScript(ReadOnlySpan<byte> externalAddress) => SeraiExternalAddress.ToScriptPubKey(externalAddress);

    public byte[] OwnScript(ReadOnlySpan<byte> networkKey, OutputKind kind)
    {
        try
        {
            return AddressKinds.ScriptPubKey(networkKey, BitcoinOutputKinds.ToAddressKind(kind));
        }
        catch (FormatException ex)
        {
            throw new ArgumentException($"Not a Bitcoin network key: {ex.Message}", nameof(networkKey), ex);
        }
    }
}
