using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A participant's round-1 broadcast, signed with its identity key: its ephemeral encryption key for this ceremony and,
/// per curve (<see cref="DkgSession.Suites"/> order), its <see cref="Dealing"/> (t commitments and the proof of knowledge
/// bound to the sender and session). Wire form: <c>sender ‖ E (32) ‖ dealing per curve ‖ signature (64)</c>, fixed length
/// for a session. An instance is always valid: <see cref="Deserialize"/> checks everything.
/// </summary>
public sealed class Round1Message
{
    private readonly byte[] _bytes;

    private Round1Message(DkgSession session, int sender, Point encryptionKey, IReadOnlyList<Dealing> dealings, byte[] bytes)
    {
        Session = session;
        Sender = sender;
        EncryptionKey = encryptionKey;
        Dealings = dealings;
        _bytes = bytes;
    }

    /// <summary>The sending participant.</summary>
    public int Sender { get; }

    /// <summary>The session the message was checked against.</summary>
    internal DkgSession Session { get; }

    /// <summary>The sender's ephemeral ristretto255 key E; shares to participant j are encrypted under <c>e·X_j</c>.</summary>
    public Point EncryptionKey { get; }

    /// <summary>The sender's dealing on each curve, in <see cref="DkgSession.Suites"/> order.</summary>
    public IReadOnlyList<Dealing> Dealings { get; }

    /// <summary>The exact length of a round-1 message in <paramref name="session"/>.</summary>
    public static int Length(DkgSession session) => SignedEnvelope.Length(BodyLength(session));

    /// <summary>The signed wire form.</summary>
    public byte[] Serialize() => (byte[])_bytes.Clone();

    /// <summary>
    /// Opens and checks a round-1 message. Throws <see cref="FormatException"/> when it cannot be attributed (wrong length,
    /// unknown sender, bad signature: the relay may be at fault) and <see cref="DkgBlameException"/> when the sender signed
    /// invalid content (bad encoding, wrong commitment count, a proof of knowledge that fails): the message is the evidence.
    /// </summary>
    public static Round1Message Deserialize(DkgSession session, ReadOnlySpan<byte> bytes)
    {
        var (sender, body) = SignedEnvelope.Open(session, DkgRound.Round1, bytes, BodyLength(session));
        var message = ParseSigned(session, sender, body, bytes.ToArray(), out var fault);
        return message ?? throw new DkgBlameException([new InvalidRound1Evidence(bytes.ToArray())], fault);
    }

    internal static Round1Message Create(DkgSession session, int sender, IdentityKey identity, Point encryptionKey, IReadOnlyList<Dealing> dealings)
    {
        byte[] body = [.. encryptionKey.Serialize(), .. dealings.SelectMany(d => d.Serialize())];
        var bytes = SignedEnvelope.Seal(session, DkgRound.Round1, sender, identity, body);
        return new Round1Message(session, sender, encryptionKey, dealings, bytes);
    }

    /// <summary>The content of a message known to be signed by <paramref name="sender"/>, or null with what is wrong with it.</summary>
    internal static Round1Message? ParseSigned(DkgSession session, int sender, byte[] body, byte[] bytes, out string fault)
    {
        fault = "";
        try
        {
            var encryptionKey = IdentityKey.Group.DeserializeElement(body.AsSpan(0, IdentityKey.Group.ElementLength));
            var dealings = new List<Dealing>();
            var offset = IdentityKey.Group.ElementLength;
            foreach (var suite in session.Suites)
            {
                var length = Dealing.SerializedLength(suite.Group, session.Threshold);
                var dealing = Dealing.Deserialize(suite.Group, session.Threshold, body.AsSpan(offset, length));
                offset += length;
                if (!dealing.IsValid(suite, DkgSession.IdentifierOf(suite, sender), session.Threshold, session.IdBytes))
                {
                    fault = $"participant {sender}'s {suite.Group.Name} proof of knowledge does not verify";
                    return null;
                }

                dealings.Add(dealing);
            }

            return new Round1Message(session, sender, encryptionKey, dealings, bytes);
        }
        catch (FormatException)
        {
            fault = $"participant {sender} signed a round-1 message with an invalid encoding";
            return null;
        }
    }

    private static int BodyLength(DkgSession session) =>
        IdentityKey.Group.ElementLength + session.Suites.Sum(s => Dealing.SerializedLength(s.Group, session.Threshold));
}
