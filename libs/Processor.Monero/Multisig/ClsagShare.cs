using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>
/// A signer's share of the real member's CLSAG response for one input, z_i = r_i − c·μ_P·λ_i·x_i. Wire form:
/// participant (u16 big-endian) ‖ z_i (32-byte canonical scalar).
/// </summary>
public sealed record ClsagShare(int Participant, Scalar Response)
{
    /// <summary>The serialized length.</summary>
    public const int Length = 34;

    /// <summary>The wire form.</summary>
    public byte[] Serialize() => [.. WireFormat.Participant(Participant), .. Response.Serialize()];

    /// <summary>Parses the wire form; throws <see cref="FormatException"/> for a wrong length, participant 0 or a non-canonical scalar.</summary>
    public static ClsagShare Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new FormatException($"A threshold CLSAG share is {Length} bytes, got {bytes.Length}.");
        }

        var participant = WireFormat.ReadParticipant(bytes, "share");
        return Ed25519Group.Instance.TryDeserializeScalar(bytes[2..], out var response)
            ? new ClsagShare(participant, response)
            : throw new FormatException($"Participant {participant}'s share is not a canonical Ed25519 scalar.");
    }
}
