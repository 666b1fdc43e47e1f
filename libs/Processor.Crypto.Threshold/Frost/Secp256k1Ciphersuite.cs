using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Crypto.Hashing;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// FROST(secp256k1, SHA-256) (RFC 9591 §6.5) and the base of the taproot suites: scalar hashes are hash_to_field
/// (expand_message_xmd SHA-256, 48 bytes, DST <c>contextString ‖ tag</c>) reduced modulo n; H4/H5 are SHA-256.
/// </summary>
public class Secp256k1Ciphersuite : FrostCiphersuite
{
    private protected Secp256k1Ciphersuite(string contextString)
        : base(Secp256k1Group.Instance, contextString)
    {
    }

    internal static Secp256k1Ciphersuite Rfc9591 { get; } = new("FROST-secp256k1-SHA256-v1");

    /// <inheritdoc/>
    public override int SignatureLength => 65;

    /// <inheritdoc/>
    public override Scalar HashToScalar(string tag, ReadOnlySpan<byte> message) =>
        HashToField.Secp256k1(message, Encoding.ASCII.GetBytes(ContextString + tag));

    /// <inheritdoc/>
    public override byte[] Hash(string tag, ReadOnlySpan<byte> message) => SHA256.HashData(Concat(ContextString, tag, message));
}
