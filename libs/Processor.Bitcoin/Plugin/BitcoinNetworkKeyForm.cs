using Processor.Bitcoin.Addresses;
using Processor.Networks;

namespace Processor.Bitcoin.Plugin;

/// <summary>Serai's Bitcoin network key: the DKG key plus its TapTweak, made even-Y, published as x(K′) (<see cref="NetworkKey.FromGroupKey"/>).</summary>
/// <param name="seraiNetworkId">Serai's <c>NetworkId</c> of the configured Bitcoin network.</param>
public sealed class BitcoinNetworkKeyForm(int seraiNetworkId) : INetworkKeyForm
{
    public int SeraiNetworkId => seraiNetworkId;

    public NetworkCurve Curve => NetworkCurve.Secp256k1;

    public NetworkKeyOffset FromGroupKey(ReadOnlySpan<byte> groupKey)
    {
        var derivation = NetworkKey.FromGroupKey(groupKey);
        return new NetworkKeyOffset(derivation.Tweak, derivation.NetworkKey);
    }
}
