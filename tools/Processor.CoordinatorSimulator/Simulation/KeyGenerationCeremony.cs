using Google.Protobuf;
using Processor.Contracts.Common.V1;
using Processor.Contracts.Coordinator.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>A validator taking part in key generation, with its signer's identity key.</summary>
public sealed record KeyGenValidator(int Validator, ByteString IdentityKey);

/// <summary>The keys a session generated: the pair, and which participant index each validator holds.</summary>
/// <param name="Session">The session.</param>
/// <param name="Attempt">The attempt that produced the keys.</param>
/// <param name="Threshold">The signing threshold t.</param>
/// <param name="KeyPair">The key pair every participant generated.</param>
/// <param name="Participants">Validator → participant index (1-based) in the attempt that produced the keys.</param>
public sealed record GeneratedKeys(
    uint Session, uint Attempt, int Threshold, KeyPair KeyPair, IReadOnlyDictionary<int, int> Participants);

/// <summary>
/// The coordinator's side of one session's key generation: it starts attempts, relays round messages, judges blame, and
/// re-runs the session (attempt + 1) without a validator found at fault or silent. It decides; it sends nothing itself:
/// every method returns the commands to send. Not thread-safe.
/// </summary>
public sealed class KeyGenerationCeremony
{
    private readonly Dictionary<int, ParticipantCommitments> _commitments = [];
    private readonly Dictionary<int, KeyGenShares> _shares = [];
    private readonly Dictionary<int, KeyPair> _pairs = [];
    private readonly Dictionary<(int Accuser, int Accused), Dictionary<int, int>> _accusations = [];
    private readonly Dictionary<int, HashSet<int>> _invalidCommitmentReports = [];
    private List<KeyGenValidator> _participants;

    public KeyGenerationCeremony(uint session, int threshold, IReadOnlyList<KeyGenValidator> validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        if (threshold < 1 || threshold > validators.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), $"Threshold {threshold} is not within 1..{validators.Count}.");
        }

        Session = session;
        Threshold = threshold;
        _participants = [.. validators];
    }

    public uint Session { get; }

    public uint Attempt { get; private set; }

    public int Threshold { get; }

    /// <summary>The validators of the current attempt, in participant order (participant i is element i - 1).</summary>
    public IReadOnlyList<KeyGenValidator> Participants => _participants;

    /// <summary>Validators left out of the session so far, with the reason.</summary>
    public Dictionary<int, string> Excluded { get; } = [];

    /// <summary>The keys, once every participant generated the same pair.</summary>
    public GeneratedKeys? Result { get; private set; }

    /// <summary>Why the session cannot produce keys, once that is so.</summary>
    public string? Failure { get; private set; }

    /// <summary>Changes whenever the ceremony moves on (a new round or attempt); a timeout armed in an older phase is stale.</summary>
    public int Phase { get; private set; }

    /// <summary>Whether the ceremony waits for participants (a round timeout applies).</summary>
    public bool IsWaiting => Result is null && Failure is null;

    /// <summary>Starts the current attempt: <c>GenerateKey</c> to every participant.</summary>
    public IReadOnlyList<AddressedCommand> Start()
    {
        Phase++;
        var listed = _participants.Select((p, i) => new DkgParticipant { Participant = (uint)(i + 1), IdentityKey = p.IdentityKey }).ToList();
        return [.. _participants.Select((p, i) => new AddressedCommand(p.Validator, new GenerateKey
        {
            Session = Session,
            Attempt = Attempt,
            Threshold = (uint)Threshold,
            ParticipantCount = (uint)_participants.Count,
            OurParticipant = (uint)(i + 1),
            Participants = { listed },
        }))];
    }

    /// <summary>Handles one event of a validator; events of other sessions or attempts, or out of turn, change nothing.</summary>
    public IReadOnlyList<AddressedCommand> Receive(int validator, IMessage message)
    {
        if (!IsWaiting || ParticipantOf(validator) is not { } participant)
        {
            return [];
        }

        return message switch
        {
            KeyGenCommitments m when IsCurrent(m.Session, m.Attempt) => OnCommitments(participant, m),
            KeyGenShares m when IsCurrent(m.Session, m.Attempt) => OnShares(participant, m),
            GeneratedKeyPair m when IsCurrent(m.Session, m.Attempt) => OnGenerated(participant, m),
            InvalidCommitments m when IsCurrent(m.Session, m.Attempt) => OnInvalidCommitments(participant, (int)m.Faulty),
            InvalidShare m when IsCurrent(m.Session, m.Attempt) && m.Accuser == participant => OnInvalidShare(participant, m),
            Blame m when IsCurrent(m.Session, m.Attempt) => OnBlame(participant, (int)m.Participant),
            _ => [],
        };
    }

    /// <summary>The round timed out: the participants that did not answer it are left out and the session re-run.</summary>
    public IReadOnlyList<AddressedCommand> Expire()
    {
        if (!IsWaiting)
        {
            return [];
        }

        IEnumerable<int> answered = _commitments.Count < _participants.Count ? _commitments.Keys
            : _shares.Count < _participants.Count ? _shares.Keys
            : _pairs.Keys;
        var silent = Enumerable.Range(1, _participants.Count).Except(answered).ToList();
        return Rerun(silent, "did not answer within the key-generation timeout");
    }

    private bool IsCurrent(uint session, uint attempt) => session == Session && attempt == Attempt;

    private int? ParticipantOf(int validator)
    {
        var index = _participants.FindIndex(p => p.Validator == validator);
        return index < 0 ? null : index + 1;
    }

    private IReadOnlyList<AddressedCommand> OnCommitments(int participant, KeyGenCommitments message)
    {
        if (message.Commitments?.Participant != participant || !_commitments.TryAdd(participant, message.Commitments))
        {
            return [];
        }

        if (_commitments.Count < _participants.Count)
        {
            return [];
        }

        Phase++;
        return [.. Enumerable.Range(1, _participants.Count).Select(recipient => new AddressedCommand(
            ValidatorOf(recipient),
            new KeyGenPeerCommitments
            {
                Session = Session,
                Attempt = Attempt,
                Commitments = { _commitments.Where(c => c.Key != recipient).OrderBy(c => c.Key).Select(c => c.Value) },
            }))];
    }

    private IReadOnlyList<AddressedCommand> OnShares(int participant, KeyGenShares message)
    {
        if (_commitments.Count < _participants.Count || message.Shares.Any(s => s.Sender != participant) || !_shares.TryAdd(participant, message))
        {
            return [];
        }

        if (_shares.Count < _participants.Count)
        {
            return [];
        }

        Phase++;
        return [.. Enumerable.Range(1, _participants.Count).Select(recipient => new AddressedCommand(
            ValidatorOf(recipient),
            new KeyGenPeerShares
            {
                Session = Session,
                Attempt = Attempt,
                Shares = { _shares.OrderBy(s => s.Key).SelectMany(s => s.Value.Shares).Where(s => s.Recipient == recipient && s.Sender != recipient) },
            }))];
    }

    private IReadOnlyList<AddressedCommand> OnGenerated(int participant, GeneratedKeyPair message)
    {
        if (message.KeyPair is null || !_pairs.TryAdd(participant, message.KeyPair) || _pairs.Count < _participants.Count)
        {
            return [];
        }

        Phase++;
        var distinct = _pairs.Values.Distinct().ToList();
        if (distinct.Count != 1)
        {
            Failure = $"session {Session} attempt {Attempt}: the participants generated {distinct.Count} different key pairs";
            return [];
        }

        Result = new GeneratedKeys(
            Session, Attempt, Threshold, distinct[0],
            _participants.Select((p, i) => (p.Validator, Index: i + 1)).ToDictionary(p => p.Validator, p => p.Index));
        return [];
    }

    // Invalid commitments are visible to everyone from the relayed round-1 data, so every honest participant reports
    // them; a majority of the others reporting the same participant settles it (one liar cannot exclude anyone).
    private IReadOnlyList<AddressedCommand> OnInvalidCommitments(int accuser, int faulty)
    {
        if (faulty == accuser || faulty < 1 || faulty > _participants.Count)
        {
            return [];
        }

        var reporters = _invalidCommitmentReports.TryGetValue(faulty, out var set) ? set : _invalidCommitmentReports[faulty] = [];
        reporters.Add(accuser);
        return reporters.Count >= Majority(_participants.Count - 1)
            ? Rerun([faulty], "sent invalid commitments")
            : [];
    }

    // A share accusation needs a judge: every participant but the two involved checks the evidence (VerifyBlame) and
    // answers with Blame; a majority of their verdicts decides who is at fault.
    private IReadOnlyList<AddressedCommand> OnInvalidShare(int accuser, InvalidShare message)
    {
        var accused = (int)message.Faulty;
        if (accused == accuser || accused < 1 || accused > _participants.Count || _accusations.ContainsKey((accuser, accused)))
        {
            return [];
        }

        var verifiers = Enumerable.Range(1, _participants.Count).Where(p => p != accuser && p != accused).ToList();
        if (verifiers.Count == 0)
        {
            return Rerun([accused], $"sent participant {accuser} an invalid share (no third participant to check)");
        }

        _accusations[(accuser, accused)] = [];
        var share = _shares.TryGetValue(accused, out var sent) ? sent.Shares.FirstOrDefault(s => s.Recipient == accuser) : null;
        return [.. verifiers.Select(verifier => new AddressedCommand(ValidatorOf(verifier), new VerifyBlame
        {
            Session = Session,
            Attempt = Attempt,
            Accuser = (uint)accuser,
            Accused = (uint)accused,
            Share = share ?? new EncryptedShare { Sender = (uint)accused, Recipient = (uint)accuser },
            Evidence = message.Evidence,
        }))];
    }

    private IReadOnlyList<AddressedCommand> OnBlame(int verifier, int blamed)
    {
        foreach (var ((accuser, accused), verdicts) in _accusations)
        {
            if (verifier == accuser || verifier == accused || (blamed != accuser && blamed != accused))
            {
                continue;
            }

            verdicts[verifier] = blamed;
            var verifiers = _participants.Count - 2;
            if (verdicts.Values.Count(v => v == blamed) >= Majority(verifiers))
            {
                return Rerun([blamed], blamed == accused
                    ? $"sent participant {accuser} an invalid share"
                    : $"falsely accused participant {accused} of an invalid share");
            }
        }

        return [];
    }

    private static int Majority(int voters) => (voters / 2) + 1;

    private int ValidatorOf(int participant) => _participants[participant - 1].Validator;

    /// <summary>Leaves <paramref name="faulty"/> (participant indexes) out and starts the next attempt, if enough remain.</summary>
    private IReadOnlyList<AddressedCommand> Rerun(IReadOnlyCollection<int> faulty, string reason)
    {
        foreach (var participant in faulty)
        {
            Excluded[ValidatorOf(participant)] = reason;
        }

        var remaining = _participants.Where((_, i) => !faulty.Contains(i + 1)).ToList();
        _commitments.Clear();
        _shares.Clear();
        _pairs.Clear();
        _accusations.Clear();
        _invalidCommitmentReports.Clear();
        Phase++;
        if (remaining.Count < Threshold)
        {
            Failure = $"session {Session}: only {remaining.Count} participants left after attempt {Attempt}, fewer than the threshold {Threshold}";
            return [];
        }

        _participants = remaining;
        Attempt++;
        return Start();
    }
}
