namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A participant's round-2 message, signed with its identity key: the digest of the round-1 messages it saw (so
/// participants notice a relay that showed them different round-1 messages) and, for every other participant in index
/// order, that recipient's shares on both curves encrypted to it (see <see cref="ShareEncryption"/>). The coordinator relays
/// it to everyone; each recipient can decrypt only its own part. Wire form:
/// <c>sender ‖ digest (32) ‖ (n-1) ciphertexts (80 each) ‖ signature (64)</c>.
/// </summary>
public sealed class Round2Message
{
    internal const int DigestLength = 32;

    /// <summary>Plaintext per recipient: one 32-byte scalar per curve (every suite of <see cref="DkgSession.NetworkSuites"/> has 32-byte scalars).</summary>
    internal const int PlaintextLength = 64;

    private static readonly int CiphertextLength = ShareEncryption.CiphertextLength(PlaintextLength);

    private readonly byte[] _bytes;
    private readonly byte[] _body;

    private Round2Message(DkgSession session, int sender, byte[] body, byte[] bytes)
    {
        Session = session;
        Sender = sender;
        _body = body;
        _bytes = bytes;
    }

    /// <summary>The sending participant.</summary>
    public int Sender { get; }

    /// <summary>The session the message was checked against.</summary>
    internal DkgSession Session { get; }

    /// <summary>The digest of all round-1 messages as the sender saw them.</summary>
    public IReadOnlyList<byte> Round1Digest => _body[..DigestLength];

    /// <summary>The exact length of a round-2 message in <paramref name="session"/>.</summary>
    public static int Length(DkgSession session) => SignedEnvelope.Length(BodyLength(session));

    /// <summary>The signed wire form.</summary>
    public byte[] Serialize() => (byte[])_bytes.Clone();

    /// <summary>
    /// Opens a round-2 message: <see cref="FormatException"/> for a wrong length, an unknown sender or a bad signature.
    /// The ciphertexts are checked by their recipients.
    /// </summary>
    public static Round2Message Deserialize(DkgSession session, ReadOnlySpan<byte> bytes)
    {
        var (sender, body) = SignedEnvelope.Open(session, DkgRound.Round2, bytes, BodyLength(session));
        return new Round2Message(session, sender, body, bytes.ToArray());
    }

    internal static Round2Message Create(DkgSession session, int sender, IdentityKey identity, byte[] round1Digest, IReadOnlyDictionary<int, byte[]> ciphertexts)
    {
        byte[] body = [.. round1Digest, .. session.Indexes.Where(j => j != sender).SelectMany(j => ciphertexts[j])];
        return new Round2Message(session, sender, body, SignedEnvelope.Seal(session, DkgRound.Round2, sender, identity, body));
    }

    /// <summary>The ciphertext addressed to <paramref name="recipient"/>.</summary>
    internal ReadOnlySpan<byte> CiphertextFor(int recipient)
    {
        if (recipient == Sender || recipient < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(recipient), "A sender sends no share to itself.");
        }

        var slot = recipient < Sender ? recipient - 1 : recipient - 2;
        return _body.AsSpan(DigestLength + (slot * CiphertextLength), CiphertextLength);
    }

    private static int BodyLength(DkgSession session) => DigestLength + ((session.Participants - 1) * CiphertextLength);
}
