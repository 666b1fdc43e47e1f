using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>Serai's ExternalAddress bytes as Bitcoin scripts (<see cref="SeraiExternalAddress"/>).</summary>
public sealed class BitcoinExternalAddresses : IExternalAddresses
{
    public byte[]? LockingScriptOf(ReadOnlySpan<byte> address) => SeraiExternalAddress.ToScriptPubKey(address);
}
