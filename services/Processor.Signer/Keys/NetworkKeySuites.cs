using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Crypto.Threshold.Frost;
using Processor.Networks;

namespace Processor.Signer.Keys;

/// <summary>
/// The threshold suite of the curve a network plug-in's key form names: the DKG makes the network key with it, and stored
/// key rows name its group, so keys load on the curve they were made on.
/// </summary>
public static class NetworkKeySuites
{
    /// <summary>The DKG suite of <paramref name="curve"/>: Bitcoin's taproot suite on secp256k1, FROST(Ed25519, SHA-512) for Monero.</summary>
    public static FrostCiphersuite Of(NetworkCurve curve) => curve switch
    {
        NetworkCurve.Secp256k1 => FrostCiphersuite.Secp256k1Taproot,
        NetworkCurve.Ed25519 => FrostCiphersuite.Ed25519Sha512,
        _ => throw new ArgumentOutOfRangeException(nameof(curve), curve, "No threshold suite makes keys on this curve."),
    };

    /// <summary>The group a stored key row names (<see cref="PrimeOrderGroup.Name"/> of a network suite's group).</summary>
    /// <exception cref="InvalidOperationException">No network suite has a group of that name: the row is not one this signer wrote.</exception>
    public static PrimeOrderGroup GroupNamed(string name) =>
        DkgSession.NetworkSuites.FirstOrDefault(s => s.Group.Name == name)?.Group
        ?? throw new InvalidOperationException($"A stored network key is on '{name}', which is no network key curve ({string.Join(", ", DkgSession.NetworkSuites.Select(s => s.Group.Name))}).");
}
