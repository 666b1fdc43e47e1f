namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// Evidence that a participant misbehaved in a ceremony, checkable by anyone holding only the session's public
/// parameters: it consists of the accused's own signed messages plus, for a disputed share, what the accuser reveals.
/// Wire form: <c>kind (1) ‖ payload</c>, fixed length per kind and session.
/// </summary>
public abstract class DkgEvidence
{
    private protected DkgEvidence(int accused) => Accused = accused;

    /// <summary>The participant the evidence is against (as claimed; <see cref="Judge"/> decides).</summary>
    public int Accused { get; }

    /// <summary>
    /// Checks the evidence from scratch: the culprit (the accused, or an accuser whose accusation is false), or none when
    /// the evidence is not authentic and proves nothing.
    /// </summary>
    public abstract DkgVerdict Judge(DkgSession session);

    /// <summary>The wire form.</summary>
    public abstract byte[] Serialize();

    /// <summary>Parses any kind of evidence; <see cref="FormatException"/> for unknown kinds and wrong lengths.</summary>
    public static DkgEvidence Deserialize(DkgSession session, ReadOnlySpan<byte> bytes) => bytes.IsEmpty
        ? throw new FormatException("Empty evidence.")
        : (EvidenceKind)bytes[0] switch
        {
            EvidenceKind.InvalidRound1 => InvalidRound1Evidence.Parse(session, bytes[1..]),
            EvidenceKind.ShareAccusation => ShareAccusation.Parse(session, bytes[1..]),
            _ => throw new FormatException("Unknown kind of DKG evidence."),
        };

    private protected enum EvidenceKind : byte
    {
        InvalidRound1 = 1,
        ShareAccusation = 2,
    }
}

/// <summary>The outcome of judging evidence.</summary>
/// <param name="Culprit">The participant at fault, or null when the evidence proves nothing.</param>
/// <param name="Finding">What was found (no secret values).</param>
public sealed record DkgVerdict(int? Culprit, string Finding);

/// <summary>
/// A round-1 message its sender signed with invalid content (encoding, commitment count, proof of knowledge): the
/// message alone is the evidence, since everyone checks it the same way.
/// </summary>
public sealed class InvalidRound1Evidence : DkgEvidence
{
    private readonly byte[] _message;

    internal InvalidRound1Evidence(byte[] message)
        : base(message.Length >= 2 ? (message[0] << 8) | message[1] : 0) => _message = message;

    /// <inheritdoc/>
    public override DkgVerdict Judge(DkgSession session)
    {
        try
        {
            _ = Round1Message.Deserialize(session, _message);
            return new DkgVerdict(null, "the round-1 message is valid");
        }
        catch (FormatException)
        {
            return new DkgVerdict(null, "the round-1 message is not signed by the accused");
        }
        catch (DkgBlameException blame)
        {
            return new DkgVerdict(Accused, blame.Message);
        }
    }

    /// <inheritdoc/>
    public override byte[] Serialize() => [(byte)EvidenceKind.InvalidRound1, .. _message];

    internal static InvalidRound1Evidence Parse(DkgSession session, ReadOnlySpan<byte> payload) => payload.Length == Round1Message.Length(session)
        ? new InvalidRound1Evidence(payload.ToArray())
        : throw new FormatException("Round-1 evidence holds exactly one round-1 message of the session.");
}
