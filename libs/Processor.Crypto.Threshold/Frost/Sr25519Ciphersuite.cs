using Processor.Crypto.Groups;
using Schnorrkel = Processor.Crypto.Sr25519.Sr25519;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// FROST over ristretto255 producing standard sr25519 (schnorrkel) signatures, as Serai's Batch signatures are: RFC 9591's
/// rounds, nonces and binding factors exactly as <see cref="Ristretto255Sha512"/>, but schnorrkel's Merlin challenge over the
/// verifying key A and the group commitment R (signing context "substrate"), and the signature <c>R ‖ s</c> with the marker
/// bit set, which <see cref="Schnorrkel.Verify(ReadOnlySpan{byte}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> accepts.
/// </summary>
internal sealed class Sr25519Ciphersuite : FrostCiphersuite
{
    private readonly byte[] _context;

    private Sr25519Ciphersuite(ReadOnlySpan<byte> context)
        : base(Ristretto255Group.Instance, Ristretto255Sha512.ContextString) => _context = context.ToArray();

    public static Sr25519Ciphersuite Substrate { get; } = new(Schnorrkel.SubstrateContext);

    public override int SignatureLength => Schnorrkel.SignatureLength;

    public override Scalar HashToScalar(string tag, ReadOnlySpan<byte> message) => Ristretto255Sha512.HashToScalar(tag, message);

    public override byte[] Hash(string tag, ReadOnlySpan<byte> message) => Ristretto255Sha512.Hash(tag, message);

    /// <summary>sr25519 verification in this suite's context (the identity key is refused).</summary>
    public override bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, Point verifyingKey) =>
        ReferenceEquals(verifyingKey.Group, Group) && !verifyingKey.IsIdentity
        && Schnorrkel.Verify(verifyingKey.Encoded, message, signature, _context);

    internal override Scalar Challenge(Point groupCommitment, Point verifyingKey, ReadOnlySpan<byte> message) =>
        Schnorrkel.Challenge(verifyingKey.Encoded, groupCommitment.Encoded, message, _context);

    internal override byte[] EncodeSignature(Point groupCommitment, Scalar z)
    {
        var signature = base.EncodeSignature(groupCommitment, z);
        signature[^1] |= Schnorrkel.MarkerBit;
        return signature;
    }
}
