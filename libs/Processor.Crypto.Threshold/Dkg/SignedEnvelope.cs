using System.Buffers.Binary;
using System.Text;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>The ceremony messages a participant signs.</summary>
internal enum DkgRound : byte
{
    /// <summary>Commitments, proofs of knowledge and the ephemeral encryption key (broadcast).</summary>
    Round1 = 1,

    /// <summary>Encrypted shares (relayed to everyone; each recipient can read only its own).</summary>
    Round2 = 2,
}

/// <summary>
/// The signed wire form of every ceremony message: <c>sender (u16 BE) ‖ body ‖ signature (64)</c>, the sender's identity
/// key signing <c>domain ‖ round ‖ session id ‖ sender ‖ body</c>. A message that opens is attributable to its sender:
/// neither the relaying coordinator nor another participant can produce or alter one.
/// </summary>
internal static class SignedEnvelope
{
    public static int Length(int bodyLength) => 2 + bodyLength + IdentityKey.SignatureLength;

    public static byte[] Seal(DkgSession session, DkgRound round, int sender, IdentityKey key, ReadOnlySpan<byte> body)
    {
        if (key.PublicKey != session.IdentityKeyOf(sender))
        {
            throw new ArgumentException("The key is not this sender's identity key.", nameof(key));
        }

        var signature = key.Sign(SignedBytes(session, round, sender, body));
        return [.. DkgSession.EncodeIndex(sender), .. body, .. signature];
    }

    /// <summary>
    /// The sender and body of a message with a valid signature; <see cref="FormatException"/> for a wrong length, an unknown
    /// sender or a bad signature — failures nobody can be blamed for, since whoever relayed the bytes may have caused them.
    /// </summary>
    public static (int Sender, byte[] Body) Open(DkgSession session, DkgRound round, ReadOnlySpan<byte> bytes, int bodyLength)
    {
        if (bytes.Length != Length(bodyLength))
        {
            throw new FormatException($"A {round} message of this session has {Length(bodyLength)} bytes, not {bytes.Length}.");
        }

        var sender = BinaryPrimitives.ReadUInt16BigEndian(bytes);
        if (!session.IsParticipant(sender))
        {
            throw new FormatException($"Sender {sender} is not a participant of this session.");
        }

        var body = bytes[2..^IdentityKey.SignatureLength];
        return IdentityKey.Verify(session.IdentityKeyOf(sender), SignedBytes(session, round, sender, body), bytes[^IdentityKey.SignatureLength..])
            ? (sender, body.ToArray())
            : throw new FormatException($"The {round} message is not signed by participant {sender}.");
    }

    private static byte[] SignedBytes(DkgSession session, DkgRound round, int sender, ReadOnlySpan<byte> body) =>
        [.. Encoding.ASCII.GetBytes("Processor DKG v1 message"), (byte)round, .. session.IdBytes, .. DkgSession.EncodeIndex(sender), .. body];
}
