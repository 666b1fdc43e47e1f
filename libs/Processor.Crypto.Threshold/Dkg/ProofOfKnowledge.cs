using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A Schnorr proof of knowledge of a dealer's constant term <c>a0</c> (FROST KeyGen round 1, step 2), which stops a dealer
/// from choosing its commitment as a function of the others' (rogue-key attack): <c>R = k·G</c>,
/// <c>c = HDKG(id ‖ a0·G ‖ R ‖ context)</c>, <c>μ = k + c·a0</c>. With an empty context the challenge is exactly
/// Zcash Foundation's <c>frost-core</c> one (so its DKG vectors verify); a ceremony passes its session id, so a proof
/// cannot be replayed into another ceremony. HDKG is the suite's hash to scalar with tag <c>dkg</c>.
/// </summary>
public sealed class ProofOfKnowledge
{
    private ProofOfKnowledge(Point nonceCommitment, Scalar response)
    {
        NonceCommitment = nonceCommitment;
        Response = response;
    }

    /// <summary><c>R = k·G</c>.</summary>
    public Point NonceCommitment { get; }

    /// <summary><c>μ = k + c·a0</c> (public).</summary>
    public Scalar Response { get; }

    /// <summary>Length of <see cref="Serialize"/> for <paramref name="group"/>.</summary>
    public static int SerializedLength(PrimeOrderGroup group) => group.ElementLength + group.ScalarLength;

    /// <summary>Proves knowledge of <paramref name="secret"/> (the dealer's <c>a0</c>) for <paramref name="dealer"/>.</summary>
    public static ProofOfKnowledge Create(FrostCiphersuite suite, Identifier dealer, Scalar secret, ReadOnlySpan<byte> context)
    {
        var group = suite.Group;
        using var nonce = DeterministicScalar.Nonce(group, "Processor DKG v1 proof-of-knowledge nonce", secret, [.. dealer.Serialize(), .. context]);
        var r = group.MultiplyGenerator(nonce);
        using var challenge = Challenge(suite, dealer, group.MultiplyGenerator(secret), r, context);
        using var product = challenge * secret;
        return new ProofOfKnowledge(r, nonce + product);
    }

    /// <summary>Whether the proof holds for <paramref name="publicKey"/> (<c>a0·G</c>): <c>μ·G == R + c·a0G</c>.</summary>
    public bool Verify(FrostCiphersuite suite, Identifier dealer, Point publicKey, ReadOnlySpan<byte> context)
    {
        var group = suite.Group;
        if (!ReferenceEquals(publicKey.Group, group) || !ReferenceEquals(NonceCommitment.Group, group) || publicKey.IsIdentity)
        {
            return false;
        }

        using var challenge = Challenge(suite, dealer, publicKey, NonceCommitment, context);
        return group.MultiplyGenerator(Response) == NonceCommitment + group.MultiplyPublic(publicKey, challenge);
    }

    /// <summary><c>SerializeElement(R) ‖ SerializeScalar(μ)</c>.</summary>
    public byte[] Serialize() => [.. NonceCommitment.Serialize(), .. Response.Serialize()];

    /// <summary>Parses <see cref="Serialize"/>'s form; throws <see cref="FormatException"/> for anything else.</summary>
    public static ProofOfKnowledge Deserialize(PrimeOrderGroup group, ReadOnlySpan<byte> bytes) =>
        bytes.Length == SerializedLength(group)
            ? new ProofOfKnowledge(group.DeserializeElement(bytes[..group.ElementLength]), group.DeserializeScalar(bytes[group.ElementLength..]))
            : throw new FormatException($"A {group.Name} proof of knowledge has {SerializedLength(group)} bytes.");

    private static Scalar Challenge(FrostCiphersuite suite, Identifier dealer, Point publicKey, Point nonceCommitment, ReadOnlySpan<byte> context) =>
        suite.HashToScalar("dkg", [.. dealer.Serialize(), .. publicKey.Serialize(), .. nonceCommitment.Serialize(), .. context]);
}
