using Google.Protobuf;
using Processor.Contracts.Coordinator.V1;

namespace Processor.CoordinatorSimulator.Simulation;

/// <summary>
/// The coordinator's side of one threshold signature (a Batch or a transaction, by <see cref="SignId"/> without its attempt):
/// it picks the signing set (the first t participants whose preprocess arrives), relays preprocesses and shares, and starts a
/// re-attempt (attempt + 1) after a timeout or an <c>InvalidParticipant</c>, passing over the silent or accused participants. It
/// decides; it sends nothing itself: every method returns the commands to send. Not thread-safe.
/// </summary>
public sealed class SigningCeremony
{
    private readonly GeneratedKeys _keys;
    private readonly SignId _id;
    private readonly List<(int Participant, SignPreprocess Preprocess)> _preprocesses = [];
    private readonly Dictionary<int, SignShare> _shares = [];
    private readonly HashSet<int> _faulty = [];
    private readonly Dictionary<uint, List<int>> _selectedByAttempt = [];
    private readonly Dictionary<int, HashSet<int>> _accusers = [];
    private HashSet<int> _passedOver = [];
    private List<int>? _selected;

    /// <summary>Creates the ceremony for <paramref name="id"/> (its attempt is the first one seen) under <paramref name="keys"/>.</summary>
    public SigningCeremony(GeneratedKeys keys, SignId id)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(id);
        _keys = keys;
        _id = id.Clone();
    }

    /// <summary>The current attempt.</summary>
    public uint Attempt => _id.Attempt;

    /// <summary>The signing set of the current attempt (participant indexes, in the order their preprocesses arrived).</summary>
    public IReadOnlyList<int>? Selected => _selected;

    /// <summary>The participants of the signing set whose shares arrived in the current attempt.</summary>
    public IReadOnlyCollection<int> SharesFrom => _shares.Keys;

    /// <summary>
    /// Participants found faulty: accused (<c>InvalidParticipant</c>) by a majority of the other key holders, over all
    /// attempts. Never selected again for this signature.
    /// </summary>
    public IReadOnlySet<int> Faulty => _faulty;

    /// <summary>Whether the current attempt's shares were all relayed (the signers can complete the signature).</summary>
    public bool SharesRelayed { get; private set; }

    /// <summary>Why the signature cannot be made, once that is so (fewer than t participants left).</summary>
    public string? Failure { get; private set; }

    /// <summary>Whether the signature was seen complete (a Batch's <c>SignedBatch</c>); nothing changes it any more.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Changes whenever the ceremony moves on; a timeout armed in an older phase is stale.</summary>
    public int Phase { get; private set; }

    /// <summary>Whether the ceremony waits for participants (the signing timeout applies).</summary>
    public bool IsWaiting => !SharesRelayed && Failure is null && !IsCompleted;

    /// <summary>The key of a signature: its <see cref="SignId"/> without the attempt.</summary>
    public static string KeyOf(SignId id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return $"{id.Session}/{id.Kind}/{Convert.ToHexStringLower(id.Id.Span)}";
    }

    /// <summary>Handles one event of a participant; events of other attempts, or out of turn, change nothing.</summary>
    public IReadOnlyList<AddressedCommand> Receive(int validator, IMessage message)
    {
        if (Failure is not null || IsCompleted || !_keys.Participants.TryGetValue(validator, out var participant))
        {
            return [];
        }

        return message switch
        {
            SignPreprocess m when IsCurrent(m.Id) && m.Participant == participant => OnPreprocess(participant, m),
            SignShare m when IsCurrent(m.Id) && m.Participant == participant => OnShare(participant, m),
            InvalidParticipant m when IsThisSignature(m.Id) => OnInvalidParticipant(participant, (int)m.Participant, m.Id.Attempt),
            _ => [],
        };
    }

    /// <summary>The signature is complete: later events (a late accusation) start nothing.</summary>
    public void MarkCompleted()
    {
        IsCompleted = true;
        Phase++;
    }

    /// <summary>The attempt timed out: a re-attempt without the participants it waited for.</summary>
    public IReadOnlyList<AddressedCommand> Expire()
    {
        if (!IsWaiting)
        {
            return [];
        }

        var silent = _selected is null
            ? _keys.Participants.Values.Except(_preprocesses.Select(p => p.Participant))
            : _selected.Except(_shares.Keys);
        return Reattempt([.. silent]);
    }

    private bool IsCurrent(SignId? id) => IsThisSignature(id) && id!.Attempt == _id.Attempt;

    private bool IsThisSignature(SignId? id) => id is not null && id.Session == _id.Session && id.Kind == _id.Kind && id.Id == _id.Id;

    private IReadOnlyList<AddressedCommand> OnPreprocess(int participant, SignPreprocess message)
    {
        if (_selected is not null || _preprocesses.Any(p => p.Participant == participant))
        {
            return [];
        }

        _preprocesses.Add((participant, message));
        var eligible = _preprocesses.Where(p => !_faulty.Contains(p.Participant) && !_passedOver.Contains(p.Participant)).ToList();
        if (eligible.Count < _keys.Threshold)
        {
            return [];
        }

        _selected = [.. eligible.Take(_keys.Threshold).Select(p => p.Participant)];
        _selectedByAttempt[Attempt] = _selected;
        Phase++;
        var chosen = eligible.Take(_keys.Threshold).ToList();
        return [.. chosen.Select(recipient => new AddressedCommand(
            ValidatorOf(recipient.Participant),
            new SignPeerPreprocesses
            {
                Id = _id.Clone(),
                Preprocesses =
                {
                    chosen.Where(p => p.Participant != recipient.Participant).Select(p => new ParticipantSigningData
                    {
                        Participant = (uint)p.Participant,
                        Data = { p.Preprocess.Preprocesses },
                    }),
                },
            }))];
    }

    private IReadOnlyList<AddressedCommand> OnShare(int participant, SignShare message)
    {
        if (_selected is null || !_selected.Contains(participant) || !_shares.TryAdd(participant, message) || _shares.Count < _selected.Count)
        {
            return [];
        }

        SharesRelayed = true;
        Phase++;
        return [.. _selected.Select(recipient => new AddressedCommand(
            ValidatorOf(recipient),
            new SignPeerShares
            {
                Id = _id.Clone(),
                Shares =
                {
                    _selected.Where(p => p != recipient).Select(p => new ParticipantSigningData
                    {
                        Participant = (uint)p,
                        Data = { _shares[p].Shares },
                    }),
                },
            }))];
    }

    // Only a selected participant sees the others' data, so only it can accuse, and only another selected one. An accuser
    // may itself be the liar (a participant whose preprocess was altered blames everyone else), so one accusation only
    // passes the accused over in the next attempt; accusations by a majority of the others make it faulty for good.
    // Accusations about an earlier attempt still count (the two sides of a dispute arrive one after the other).
    private IReadOnlyList<AddressedCommand> OnInvalidParticipant(int accuser, int accused, uint attempt)
    {
        if (attempt > Attempt || !_selectedByAttempt.TryGetValue(attempt, out var set) || !set.Contains(accuser) || !set.Contains(accused)
            || accuser == accused)
        {
            return [];
        }

        var accusers = _accusers.TryGetValue(accused, out var known) ? known : _accusers[accused] = [];
        accusers.Add(accuser);
        var newlyFaulty = accusers.Count >= ((_keys.Participants.Count - 1) / 2) + 1 && _faulty.Add(accused);
        if (attempt == Attempt && _selected is not null)
        {
            return Reattempt([accused]);
        }

        return newlyFaulty && _selected?.Contains(accused) == true ? Reattempt([]) : [];
    }

    /// <summary>
    /// Starts the next attempt, telling every key holder. The <paramref name="passedOver"/> (silent or accused) are not chosen
    /// in it, unless that would leave fewer than t to choose from (then they may come back).
    /// </summary>
    private IReadOnlyList<AddressedCommand> Reattempt(IReadOnlyCollection<int> passedOver)
    {
        var available = _keys.Participants.Values.Except(_faulty).ToList();
        Phase++;
        if (available.Count < _keys.Threshold)
        {
            Failure = $"{KeyOf(_id)}: only {available.Count} participants are not faulty, fewer than the threshold {_keys.Threshold}";
            return [];
        }

        _passedOver = available.Except(passedOver).Count() >= _keys.Threshold ? [.. passedOver] : [];
        _id.Attempt++;
        _preprocesses.Clear();
        _shares.Clear();
        _selected = null;
        SharesRelayed = false;
        return [.. _keys.Participants.Keys.Order().Select(validator => new AddressedCommand(validator, new SignReattempt { Id = _id.Clone() }))];
    }

    private int ValidatorOf(int participant) => _keys.Participants.Single(p => p.Value == participant).Key;
}
