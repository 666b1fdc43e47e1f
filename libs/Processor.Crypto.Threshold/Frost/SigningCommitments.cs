using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A signer's public round-1 output (RFC 9591 §5.1): its identifier and the commitments <c>D = d·G</c>, <c>E = e·G</c> to
/// its hiding and binding nonces. Safe to send anywhere; the nonces cannot be recovered or re-created from it.
/// </summary>
public sealed record SigningCommitments
{
    /// <summary>Creates commitments; neither may be the identity.</summary>
    public SigningCommitments(Identifier identifier, Point hiding, Point binding)
    {
        if (hiding.IsIdentity || binding.IsIdentity
            || !ReferenceEquals(hiding.Group, identifier.Group) || !ReferenceEquals(binding.Group, identifier.Group))
        {
            throw new ArgumentException("Commitments are non-identity elements of the identifier's group.");
        }

        Identifier = identifier;
        Hiding = hiding;
        Binding = binding;
    }

    /// <summary>The signer.</summary>
    public Identifier Identifier { get; }

    /// <summary>The hiding nonce commitment <c>D</c>.</summary>
    public Point Hiding { get; }

    /// <summary>The binding nonce commitment <c>E</c>.</summary>
    public Point Binding { get; }

    /// <summary>Wire encoding, as in RFC 9591's encode_group_commitment_list: <c>identifier ‖ D ‖ E</c>.</summary>
    public byte[] Serialize() => [.. Identifier.Encoded, .. Hiding.Encoded, .. Binding.Encoded];

    /// <summary>Decodes <see cref="Serialize"/>'s output; throws <see cref="FormatException"/> for malformed input.</summary>
    public static SigningCommitments Deserialize(PrimeOrderGroup group, ReadOnlySpan<byte> bytes)
    {
        int s = group.ScalarLength, e = group.ElementLength;
        if (bytes.Length != s + 2 * e)
        {
            throw new FormatException($"Signing commitments have {s + 2 * e} bytes.");
        }

        return new SigningCommitments(
            Identifier.Deserialize(group, bytes[..s]), group.DeserializeElement(bytes.Slice(s, e)), group.DeserializeElement(bytes[(s + e)..]));
    }
}
