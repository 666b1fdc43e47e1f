namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// What one ceremony gives a participant: a key on each curve, both for the plain group key (offsets and the taproot
/// even-Y/BIP341 tweak are applied at signing time by the FROST suites). Holds secrets: dispose it.
/// </summary>
/// <param name="Ristretto255">The key for Batches (FROST(ristretto255, SHA-512)).</param>
/// <param name="Network">
/// The network's key, on the session's <see cref="DkgSession.NetworkSuite"/>: secp256k1 for Bitcoin (sign with
/// <c>FrostCiphersuite.Secp256k1Taproot</c>) or Ed25519 for Monero (the group spend key, signed by threshold CLSAG).
/// </param>
public sealed record DkgResult(CurveKey Ristretto255, CurveKey Network) : IDisposable
{
    /// <summary>Zeroes both secret shares.</summary>
    public void Dispose()
    {
        Ristretto255.Dispose();
        Network.Dispose();
    }
}
