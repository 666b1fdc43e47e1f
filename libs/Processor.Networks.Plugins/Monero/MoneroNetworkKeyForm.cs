using Processor.Monero.Crypto;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// Serai publishes the Monero group key as it is (Serai's <c>tweak_keys</c> is a no-op for Monero): the offset is zero and
/// the published key is the 32-byte compressed point.
/// </summary>
public sealed class MoneroNetworkKeyForm : INetworkKeyForm
{
    public int SeraiNetworkId => MoneroPlugin.SeraiNetworkId;

    public NetworkCurve Curve => NetworkCurve.Ed25519;

    /// <exception cref="FormatException">The group key is not a torsion-free, non-identity 32-byte Ed25519 point.</exception>
    public NetworkKeyOffset FromGroupKey(ReadOnlySpan<byte> groupKey) =>
        new(new byte[EdwardsPoint.Length], MoneroNetworkKey.Parse(groupKey).ToArray());
}
