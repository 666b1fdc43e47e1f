using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// The public values every signer and the aggregator derive from a <see cref="SigningPackage"/> (RFC 9591 §4.4–4.6):
/// the key map, binding factors, per-signer commitment shares, the group commitment R and the challenge c.
/// </summary>
internal sealed class SigningContext
{
    private readonly Dictionary<Identifier, Scalar> _bindingFactors = [];
    private readonly Dictionary<Identifier, Point> _commitmentShares = [];

    private SigningContext(FrostCiphersuite suite, SigningPackage package, Point groupPublicKey)
    {
        Package = package;
        Map = suite.KeyMapFor(groupPublicKey, package.Offset);
        var prefix = BindingFactorPrefix(suite, package, Map.VerifyingKey);
        foreach (var commitment in package.Commitments)
        {
            var factor = suite.HashToScalar("rho", [.. prefix, .. commitment.Identifier.Encoded]);
            _bindingFactors[commitment.Identifier] = factor;
            _commitmentShares[commitment.Identifier] = commitment.Hiding + suite.Group.MultiplyPublic(commitment.Binding, factor);
        }

        GroupCommitment = suite.Group.Sum(_commitmentShares.Values);
        if (GroupCommitment.IsIdentity)
        {
            throw new InvalidOperationException("The group commitment is the identity; abandon this attempt.");
        }

        NegatesNonces = suite.NegatesNonces(GroupCommitment);
        Challenge = suite.Challenge(GroupCommitment, Map.VerifyingKey, package.Message);
    }

    public SigningPackage Package { get; }

    public KeyMap Map { get; }

    public Point GroupCommitment { get; }

    public bool NegatesNonces { get; }

    public Scalar Challenge { get; }

    public static SigningContext Create(FrostCiphersuite suite, SigningPackage package, Point groupPublicKey)
    {
        if (!ReferenceEquals(package.Signers[0].Group, suite.Group) || !ReferenceEquals(groupPublicKey.Group, suite.Group))
        {
            throw new ArgumentException($"The package or key is not a {suite.Group.Name} one.");
        }

        return new SigningContext(suite, package, groupPublicKey);
    }

    public Scalar BindingFactor(Identifier signer) => _bindingFactors[signer];

    /// <summary><c>D_i + ρ_i·E_i</c>, negated when the nonces are (BIP340's even-Y R).</summary>
    public Point CommitmentShare(Identifier signer) => NegatesNonces ? -_commitmentShares[signer] : _commitmentShares[signer];

    public Scalar Lagrange(Identifier signer) => Frost.Lagrange.Coefficient(signer, [.. Package.Signers]);

    /// <summary><c>public_key_enc ‖ H4(msg) ‖ H5(encode_group_commitment_list)</c>.</summary>
    private static byte[] BindingFactorPrefix(FrostCiphersuite suite, SigningPackage package, Point verifyingKey)
    {
        var encodedCommitments = package.Commitments.SelectMany(c => c.Serialize()).ToArray();
        return [.. verifyingKey.Encoded, .. suite.Hash("msg", package.Message), .. suite.Hash("com", encodedCommitments)];
    }
}
