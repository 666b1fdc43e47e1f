using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>
/// One nonce k committed on both generators the CLSAG ring uses at the real member, k·G and k·Hp(P), with a proof that
/// both share the discrete logarithm (so the aggregate nonce is one nonce, as a single signer's would be).
/// </summary>
/// <param name="OnG">k·G.</param>
/// <param name="OnKeyImageGenerator">k·Hp(P).</param>
/// <param name="Proof">log_G(k·G) = log_Hp(P)(k·Hp(P)).</param>
public sealed record ClsagNonceCommitment(Point OnG, Point OnKeyImageGenerator, DleqProof Proof)
{
    /// <summary>The serialized length: two points and a proof.</summary>
    public static readonly int Length = 64 + DleqProof.Length(Ed25519Group.Instance);

    internal byte[] Serialize() => [.. OnG.Serialize(), .. OnKeyImageGenerator.Serialize(), .. Proof.Serialize()];

    internal static ClsagNonceCommitment Deserialize(ReadOnlySpan<byte> bytes, string which) => new(
        WireFormat.ReadPoint(bytes[..32], $"the {which} nonce commitment on G"),
        WireFormat.ReadPoint(bytes[32..64], $"the {which} nonce commitment on Hp(P)"),
        DleqProof.Deserialize(Ed25519Group.Instance, bytes[64..Length]));
}
