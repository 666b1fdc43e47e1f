using System.Security.Cryptography;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// One participant of a two-round Pedersen DKG with proofs of knowledge (FROST KeyGen), run on ristretto255 and secp256k1
/// at once, with the coordinator relaying every message:
/// <list type="number">
/// <item><see cref="Start"/>: draw a random polynomial of degree t-1 per curve and an ephemeral encryption key; broadcast
/// the commitments, proofs of knowledge and the key (<see cref="Round1Message"/>).</item>
/// <item><see cref="ReceiveRound1"/>: given every participant's round-1 message (each already checked by
/// <see cref="Round1Message.Deserialize"/>, which blames invalid ones), send each participant its shares of both curves,
/// encrypted to it (<see cref="Round2Message"/>); the polynomials and the ephemeral key are then erased.</item>
/// <item><see cref="ReceiveRound2"/>: decrypt and check the shares addressed here; sum them into the
/// <see cref="DkgResult"/>, or throw <see cref="DkgBlameException"/> with a <see cref="ShareAccusation"/> per bad share.</item>
/// </list>
/// Not thread-safe; each step runs once, in order. Dispose it to erase whatever secrets are still held.
/// </summary>
public sealed class DkgParticipant : IDisposable
{
    private readonly DkgSession _session;
    private readonly IdentityKey _identity;
    private readonly byte[]? _seed;
    private Polynomial[]? _polynomials;
    private Scalar? _ephemeralSecret;
    private Round1Message? _ownRound1;
    private Dictionary<int, Round1Message>? _round1;
    private byte[]? _round1Digest;
    private Scalar[]? _ownShares;
    private bool _finished;

    /// <summary>
    /// Participant <paramref name="index"/> of <paramref name="session"/>, holding that index's identity key (which stays
    /// the caller's: it is used, not disposed, here).
    /// </summary>
    public DkgParticipant(DkgSession session, int index, IdentityKey identity)
    {
        if (identity.PublicKey != session.IdentityKeyOf(index))
        {
            throw new ArgumentException("The identity key is not the one the session lists for this participant.", nameof(identity));
        }

        _session = session;
        _identity = identity;
        Index = index;
    }

    /// <summary>
    /// A participant whose ceremony secrets (polynomials, ephemeral encryption key) are derived from
    /// <paramref name="seed"/> (at least 32 secret bytes, copied) instead of drawn at random: a participant re-created with
    /// the same seed after a restart sends byte-identical messages, so it can continue a ceremony whose first messages
    /// already left. The seed must be secret and never serve two ceremonies with different parameters (derive it from a
    /// stored secret and <see cref="DkgSession.Id"/>).
    /// </summary>
    public DkgParticipant(DkgSession session, int index, IdentityKey identity, ReadOnlySpan<byte> seed)
        : this(session, index, identity)
    {
        if (seed.Length < 32)
        {
            throw new ArgumentException("A ceremony seed has at least 32 bytes.", nameof(seed));
        }

        _seed = seed.ToArray();
    }

    /// <summary>This participant's index.</summary>
    public int Index { get; }

    /// <summary>Round 1: the message to broadcast.</summary>
    public Round1Message Start()
    {
        if (_ownRound1 is not null)
        {
            throw new InvalidOperationException("The ceremony has already started.");
        }

        var polynomials = new List<Polynomial>();
        var dealings = new List<Dealing>();
        for (var c = 0; c < _session.Suites.Count; c++)
        {
            var suite = _session.Suites[c];
            var coefficients = NewCoefficients(c);
            var polynomial = Polynomial.FromCoefficients(coefficients);
            polynomials.Add(polynomial);
            using var secret = coefficients[0].Copy();
            coefficients.ForEach(k => k.Dispose());
            dealings.Add(Dealing.Create(suite, DkgSession.IdentifierOf(suite, Index), secret, polynomial, _session.IdBytes));
        }

        _polynomials = [.. polynomials];
        _ephemeralSecret = _seed is null ? IdentityKey.Group.RandomScalar() : SeededScalar(IdentityKey.Group, "ephemeral", 0, 0);
        var encryptionKey = IdentityKey.Group.MultiplyGenerator(_ephemeralSecret);
        _ownRound1 = Round1Message.Create(_session, Index, _identity, encryptionKey, dealings);
        return _ownRound1;
    }

    /// <summary>
    /// Round 2: the message carrying every other participant's encrypted shares. <paramref name="messages"/> holds one
    /// round-1 message per other participant (this participant's own may be included).
    /// </summary>
    public Round2Message ReceiveRound1(IEnumerable<Round1Message> messages)
    {
        if (_ownRound1 is null || _polynomials is null || _ephemeralSecret is null)
        {
            throw new InvalidOperationException(_ownRound1 is null ? "Call Start first." : "Round 1 was already received.");
        }

        var round1 = OnePerParticipant(messages.Where(m => m.Sender != Index), m => m.Sender, m => m.Session);
        round1[Index] = _ownRound1;
        _round1Digest = Round1Digest(round1);

        var ciphertexts = new Dictionary<int, byte[]>();
        foreach (var recipient in _session.Indexes.Where(j => j != Index))
        {
            var plaintext = SharesFor(recipient);
            try
            {
                var shared = IdentityKey.Group.Multiply(_session.IdentityKeyOf(recipient), _ephemeralSecret);
                ciphertexts[recipient] = ShareEncryption.Encrypt(_session, Index, recipient, _ownRound1.EncryptionKey, shared, plaintext);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(plaintext);
            }
        }

        _ownShares = [.. _session.Suites.Select((suite, c) => _polynomials[c].Evaluate(DkgSession.IdentifierOf(suite, Index)))];
        EraseDealerSecrets();
        _round1 = round1;
        return Round2Message.Create(_session, Index, _identity, _round1Digest, ciphertexts);
    }

    /// <summary>
    /// Completes the ceremony from one round-2 message per other participant (this participant's own may be included).
    /// Throws <see cref="DkgBlameException"/> (with one <see cref="ShareAccusation"/> per bad share) when shares are bad, and
    /// <see cref="DkgException"/> when participants saw different round-1 messages (an inconsistent broadcast).
    /// </summary>
    public DkgResult ReceiveRound2(IEnumerable<Round2Message> messages)
    {
        if (_round1 is null || _round1Digest is null || _ownShares is null || _finished)
        {
            throw new InvalidOperationException(_finished ? "The ceremony is finished." : "Receive round 1 first.");
        }

        var round2 = OnePerParticipant(messages.Where(m => m.Sender != Index), m => m.Sender, m => m.Session);
        var received = new SortedDictionary<int, Scalar[]>();
        var keys = new List<CurveKey>();
        try
        {
            var accusations = new List<DkgEvidence>();
            foreach (var (sender, message) in round2.OrderBy(p => p.Key))
            {
                if (Decrypt(_round1[sender], message) is { } shares)
                {
                    received[sender] = shares;
                }
                else
                {
                    accusations.Add(ShareAccusation.Create(_session, Index, _identity, _round1[sender], message));
                }
            }

            if (accusations.Count == 0)
            {
                keys = [.. _session.Suites.Select((suite, c) => CurveKey.TryAssemble(
                    DkgSession.IdentifierOf(suite, Index),
                    _round1.ToDictionary(p => DkgSession.IdentifierOf(suite, p.Key), p => p.Value.Dealings[c]),
                    [_ownShares[c], .. received.Values.Select(shares => shares[c])])).OfType<CurveKey>()];
                if (keys.Count < _session.Suites.Count)
                {
                    // The sums do not check out: find the dealers whose shares do not match their own commitments.
                    accusations.AddRange(received
                        .Where(p => ShareCheck.Verify(_round1[p.Key], Index, p.Value) is not null)
                        .Select(p => ShareAccusation.Create(_session, Index, _identity, _round1[p.Key], round2[p.Key])));
                }
            }

            // Bad shares are blamed first: the evidence holds the dealer's own signed commitments, so it stands whatever
            // the others saw. Different round-1 views without a bad share cannot be pinned on anyone here.
            if (accusations.Count > 0)
            {
                throw new DkgBlameException(accusations, $"participant {Index} received shares that do not decrypt or do not match their commitments");
            }

            var inconsistent = round2.Values.Where(m => !m.Round1Digest.SequenceEqual(_round1Digest)).Select(m => m.Sender).ToList();
            if (inconsistent.Count > 0)
            {
                throw new DkgException($"Participant(s) {string.Join(", ", inconsistent)} saw different round-1 messages than participant {Index}: the broadcast was inconsistent.");
            }

            _finished = true;
            return new DkgResult(keys[0], keys[1]);
        }
        catch
        {
            keys.ForEach(k => k.Dispose());
            throw;
        }
        finally
        {
            foreach (var share in received.Values.SelectMany(s => s))
            {
                share.Dispose();
            }
        }
    }

    /// <summary>Erases every secret still held (seed, polynomials, ephemeral key, own shares).</summary>
    public void Dispose()
    {
        EraseDealerSecrets();
        if (_seed is not null)
        {
            CryptographicOperations.ZeroMemory(_seed);
        }

        foreach (var share in _ownShares ?? [])
        {
            share.Dispose();
        }
    }

    /// <summary>Index and state only.</summary>
    public override string ToString() => $"DKG participant {Index} of {_session.Participants}";

    /// <summary>The decrypted shares from a dealer (one per curve), or null when they do not decrypt or are not canonical scalars.</summary>
    private Scalar[]? Decrypt(Round1Message dealer, Round2Message message)
    {
        var shared = _identity.Agree(dealer.EncryptionKey);
        var plaintext = ShareEncryption.Decrypt(_session, dealer.Sender, Index, dealer.EncryptionKey, shared, message.CiphertextFor(Index));
        if (plaintext is null)
        {
            return null;
        }

        try
        {
            return ShareCheck.Parse(_session, plaintext);
        }
        catch (FormatException)
        {
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The plaintext for <paramref name="recipient"/>: <c>f_c(recipient)</c> for each curve c (the caller clears it).</summary>
    private byte[] SharesFor(int recipient)
    {
        var plaintext = new byte[Round2Message.PlaintextLength];
        var offset = 0;
        for (var c = 0; c < _session.Suites.Count; c++)
        {
            using var share = _polynomials![c].Evaluate(DkgSession.IdentifierOf(_session.Suites[c], recipient));
            var bytes = share.Serialize();
            bytes.CopyTo(plaintext, offset);
            CryptographicOperations.ZeroMemory(bytes);
            offset += bytes.Length;
        }

        return plaintext;
    }

    /// <summary>The t coefficients of curve <paramref name="curve"/>'s polynomial, constant first: random, or derived from the seed.</summary>
    private List<Scalar> NewCoefficients(int curve)
    {
        var group = _session.Suites[curve].Group;
        return [.. Enumerable.Range(0, _session.Threshold).Select(k => _seed is null ? group.RandomScalar() : SeededScalar(group, "coefficient", curve, k))];
    }

    private Scalar SeededScalar(PrimeOrderGroup group, string what, int curve, int position) =>
        DeterministicScalar.Derive(
            group, $"Processor DKG v1 seeded {what}", _seed,
            [.. _session.IdBytes, .. DkgSession.EncodeIndex(Index), (byte)curve, .. DkgSession.EncodeIndex(position)]);

    private void EraseDealerSecrets()
    {
        foreach (var polynomial in _polynomials ?? [])
        {
            polynomial.Dispose();
        }

        _ephemeralSecret?.Dispose();
        _polynomials = null;
        _ephemeralSecret = null;
    }

    private Dictionary<int, T> OnePerParticipant<T>(IEnumerable<T> messages, Func<T, int> sender, Func<T, DkgSession> session)
    {
        var bySender = new Dictionary<int, T>();
        foreach (var message in messages)
        {
            if (!session(message).Id.SequenceEqual(_session.Id))
            {
                throw new ArgumentException($"A message of participant {sender(message)} belongs to another session.", nameof(messages));
            }

            if (!bySender.TryAdd(sender(message), message))
            {
                throw new ArgumentException($"Two messages from participant {sender(message)}.", nameof(messages));
            }
        }

        var missing = _session.Indexes.Where(i => i != Index && !bySender.ContainsKey(i)).ToList();
        return missing.Count == 0
            ? bySender
            : throw new ArgumentException($"No message from participant(s) {string.Join(", ", missing)}.", nameof(messages));
    }

    private byte[] Round1Digest(Dictionary<int, Round1Message> round1) =>
        SHA256.HashData([.. _session.IdBytes, .. round1.OrderBy(p => p.Key).SelectMany(p => p.Value.Serialize())]);
}
