using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Networks;

namespace Processor.Signer.Keys;

/// <summary>
/// A ceremony's outcome in the form it is stored and used: the substrate key as generated, the network key with the
/// network's offset already added (to the group key, every verifying share and our share), and the published pair.
/// Holds both shares: dispose it.
/// </summary>
public sealed class GeneratedKeys : IDisposable
{
    private GeneratedKeys(CurveKey substrate, CurveKey network, byte[] publishedNetworkKey)
    {
        Substrate = substrate;
        Network = network;
        PublishedNetworkKey = publishedNetworkKey;
    }

    public CurveKey Substrate { get; }

    /// <summary>The network key with its offset: what signing uses, untweaked further.</summary>
    public CurveKey Network { get; }

    /// <summary><c>KeyPair.network_key</c>.</summary>
    public byte[] PublishedNetworkKey { get; }

    /// <summary>Takes over <paramref name="result"/>'s keys (the result is disposed).</summary>
    public static GeneratedKeys From(DkgResult result, INetworkKeyForm networkKeyForm)
    {
        using (result.Network)
        {
            var plain = result.Network;
            var form = networkKeyForm.FromGroupKey(plain.PublicKey.GroupPublicKey.Serialize());
            using var scalar = plain.Share.Group.DeserializeScalar(form.Offset);
            var offset = new KeyOffset(scalar);
            var network = new CurveKey(plain.Share.WithOffset(offset), plain.PublicKey.WithOffset(offset));
            return new GeneratedKeys(result.Ristretto255, network, form.PublishedKey);
        }
    }

    public KeyPair ToKeyPair() => new()
    {
        SubstrateKey = ByteString.CopyFrom(Substrate.PublicKey.GroupPublicKey.Serialize()),
        NetworkKey = ByteString.CopyFrom(PublishedNetworkKey),
    };

    public void Dispose()
    {
        Substrate.Dispose();
        Network.Dispose();
    }

    public override string ToString() => "generated keys (public pair only)";
}
