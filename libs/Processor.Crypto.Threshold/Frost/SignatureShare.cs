using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>A signer's round-2 output (RFC 9591 §5.2): its identifier and its share <c>z_i</c> of the signature. Public.</summary>
public sealed class SignatureShare
{
    /// <summary>Creates a share (the scalar is copied).</summary>
    public SignatureShare(Identifier identifier, Scalar share)
    {
        if (!ReferenceEquals(identifier.Group, share.Group))
        {
            throw new ArgumentException("Identifier and share must belong to the same group.");
        }

        Identifier = identifier;
        Share = share.Copy();
    }

    /// <summary>The signer.</summary>
    public Identifier Identifier { get; }

    internal Scalar Share { get; }

    /// <summary>The share <c>z_i</c> (a copy).</summary>
    public Scalar ToScalar() => Share.Copy();

    /// <summary>Wire encoding <c>identifier ‖ z_i</c>.</summary>
    public byte[] Serialize() => [.. Identifier.Encoded, .. Share.Bytes];

    /// <summary>Decodes <see cref="Serialize"/>'s output; throws <see cref="FormatException"/> for malformed input.</summary>
    public static SignatureShare Deserialize(PrimeOrderGroup group, ReadOnlySpan<byte> bytes)
    {
        var s = group.ScalarLength;
        if (bytes.Length != 2 * s)
        {
            throw new FormatException($"A signature share has {2 * s} bytes.");
        }

        using var share = group.DeserializeScalar(bytes[s..]);
        return new SignatureShare(Identifier.Deserialize(group, bytes[..s]), share);
    }
}
