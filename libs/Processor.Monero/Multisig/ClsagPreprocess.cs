using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>
/// A signer's first message for one input: its two FROST nonces (hiding and binding), each committed on G and Hp(P) with
/// a DLEq proof, and its key-image share K_i = x_i·Hp(P) with a DLEq proof against its verifying share X_i. Everything
/// here is public. Wire form: participant (u16 big-endian) ‖ hiding ‖ binding (each k·G ‖ k·Hp(P) ‖ proof) ‖ K_i ‖ proof.
/// </summary>
public sealed record ClsagPreprocess(int Participant, ClsagNonceCommitment Hiding, ClsagNonceCommitment Binding, Point KeyImageShare, DleqProof KeyImageShareProof)
{
    /// <summary>The serialized length.</summary>
    public static readonly int Length = 2 + (2 * ClsagNonceCommitment.Length) + 32 + DleqProof.Length(Ed25519Group.Instance);

    /// <summary>The wire form.</summary>
    public byte[] Serialize() =>
        [.. WireFormat.Participant(Participant), .. Hiding.Serialize(), .. Binding.Serialize(), .. KeyImageShare.Serialize(), .. KeyImageShareProof.Serialize()];

    /// <summary>
    /// Parses the wire form; throws <see cref="FormatException"/> saying what is wrong (length, participant 0, a point that
    /// is not in Ed25519's prime-order subgroup). The proofs are checked against the input by <see cref="ClsagSigningSet"/>.
    /// </summary>
    public static ClsagPreprocess Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new FormatException($"A threshold CLSAG preprocess is {Length} bytes, got {bytes.Length}.");
        }

        var participant = WireFormat.ReadParticipant(bytes, "preprocess");
        var hiding = ClsagNonceCommitment.Deserialize(bytes[2..], "hiding");
        var rest = bytes[(2 + ClsagNonceCommitment.Length)..];
        var binding = ClsagNonceCommitment.Deserialize(rest, "binding");
        rest = rest[ClsagNonceCommitment.Length..];
        return new ClsagPreprocess(
            participant, hiding, binding, WireFormat.ReadPoint(rest[..32], "the key-image share"), DleqProof.Deserialize(Ed25519Group.Instance, rest[32..]));
    }
}
