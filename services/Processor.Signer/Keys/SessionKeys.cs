using Processor.Crypto.Threshold.Dkg;

namespace Processor.Signer.Keys;

/// <summary>
/// The threshold keys of one session, decrypted for use in this process only: dispose it as soon as the signing step is
/// done (zeroes both shares).
/// </summary>
/// <param name="Session">The Serai session.</param>
/// <param name="Participant">Our participant index (1-based).</param>
/// <param name="Substrate">The ristretto255 key that signs Batches (sr25519), untweaked.</param>
/// <param name="Network">
/// The network key in the form Serai publishes and spends it, on the network's curve (Bitcoin: the secp256k1 DKG key with
/// its TapTweak, made even-Y, so that a plan input is signed with plain BIP340 FROST and the input's per-kind offset only;
/// Monero: the Ed25519 DKG key as it is, the group spend key).
/// </param>
public sealed record SessionKeys(uint Session, int Participant, CurveKey Substrate, CurveKey Network) : IDisposable
{
    /// <summary>Zeroes both shares.</summary>
    public void Dispose()
    {
        Substrate.Dispose();
        Network.Dispose();
    }
}
