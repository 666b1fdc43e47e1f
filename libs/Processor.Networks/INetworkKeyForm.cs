namespace Processor.Networks;

/// <summary>
/// How a network turns the group key a DKG produced on its curve into the key Serai publishes for it. The offset is added
/// once, at key generation, to the group key and to every participant's share, so that signing needs no further tweak
/// (only the per-kind output offsets).
/// </summary>
public interface INetworkKeyForm
{
    /// <summary>Serai's <c>NetworkId</c> of the network (Bitcoin 1).</summary>
    int SeraiNetworkId { get; }

    /// <summary>The curve the DKG makes the network key on (the signer picks its ceremony's suite from it).</summary>
    NetworkCurve Curve { get; }

    /// <summary>The offset and the published key for <paramref name="groupKey"/>, the DKG's group key in the curve's compressed encoding.</summary>
    /// <exception cref="FormatException">The bytes are not a point of the network's curve.</exception>
    NetworkKeyOffset FromGroupKey(ReadOnlySpan<byte> groupKey);
}

/// <summary>The curves a network key can be on; each network plug-in's key form names its own.</summary>
public enum NetworkCurve
{
    /// <summary>secp256k1 (Bitcoin): compressed points of 33 bytes.</summary>
    Secp256k1,

    /// <summary>Ed25519's prime-order subgroup (Monero): compressed points of 32 bytes.</summary>
    Ed25519,
}

/// <summary>The result of <see cref="INetworkKeyForm.FromGroupKey"/>.</summary>
/// <param name="Offset">The scalar (the curve's encoding) added to the group key and to every share.</param>
/// <param name="PublishedKey">The network key as Serai publishes it (<c>KeyPair.network_key</c>).</param>
public sealed record NetworkKeyOffset(byte[] Offset, byte[] PublishedKey);
