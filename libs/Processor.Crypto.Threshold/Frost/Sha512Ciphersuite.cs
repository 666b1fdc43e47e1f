using System.Security.Cryptography;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// The RFC 9591 suites hashing with SHA-512 (§6.1 FROST(Ed25519, SHA-512), §6.2 FROST(ristretto255, SHA-512)): hashes are
/// SHA-512 of <c>contextString ‖ tag ‖ m</c>, reduced little-endian. Ed25519's challenge H2 is plain SHA-512 without the
/// prefix, so that the aggregate is an ordinary Ed25519 (RFC 8032) signature.
/// </summary>
internal sealed class Sha512Ciphersuite : FrostCiphersuite
{
    private readonly bool _unprefixedChallenge;

    private Sha512Ciphersuite(PrimeOrderGroup group, string contextString, bool unprefixedChallenge)
        : base(group, contextString) => _unprefixedChallenge = unprefixedChallenge;

    public static Sha512Ciphersuite Ristretto255 { get; } = new(Ristretto255Group.Instance, "FROST-RISTRETTO255-SHA512-v1", unprefixedChallenge: false);

    public static Sha512Ciphersuite Ed25519 { get; } = new(Ed25519Group.Instance, "FROST-ED25519-SHA512-v1", unprefixedChallenge: true);

    public override int SignatureLength => 64;

    public override Scalar HashToScalar(string tag, ReadOnlySpan<byte> message)
    {
        var digest = Hash(tag, message);
        try
        {
            return Group.ReduceWide(digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digest);
        }
    }

    public override byte[] Hash(string tag, ReadOnlySpan<byte> message)
    {
        var input = Concat(ContextString, tag, message);
        try
        {
            return SHA512.HashData(input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }

    internal override Scalar Challenge(Point groupCommitment, Point verifyingKey, ReadOnlySpan<byte> message) => _unprefixedChallenge
        ? Group.ReduceWide(SHA512.HashData([.. groupCommitment.Encoded, .. verifyingKey.Encoded, .. message]))
        : base.Challenge(groupCommitment, verifyingKey, message);
}
