using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// The public parameters of one key-generation ceremony, identical at every participant: a context chosen by the
/// coordinator (e.g. session and attempt), the threshold t, and the n participants' long-term ristretto255 identity keys
/// (participant i is index i, 1-based). Everything signed, hashed or encrypted in the ceremony is bound to <see cref="Id"/>.
/// One ceremony produces two keys: <see cref="Suites"/> lists the curves in message order (ristretto255 for Batches, then
/// the network's curve).
/// </summary>
public sealed class DkgSession
{
    /// <summary>The largest supported number of participants (indexes travel as 16-bit integers).</summary>
    public const int MaxParticipants = ushort.MaxValue;

    private readonly Point[] _identityKeys;

    /// <summary>
    /// Creates the parameters; throws <see cref="ArgumentException"/> unless 1 ≤ t ≤ n, n ≥ 2, the keys are distinct and
    /// <paramref name="networkSuite"/> (Bitcoin's <see cref="FrostCiphersuite.Secp256k1Taproot"/> when not given) is one of
    /// <see cref="NetworkSuites"/>.
    /// </summary>
    public DkgSession(ReadOnlySpan<byte> context, int threshold, IReadOnlyList<Point> identityKeys, FrostCiphersuite? networkSuite = null)
    {
        networkSuite ??= FrostCiphersuite.Secp256k1Taproot;
        if (!NetworkSuites.Contains(networkSuite))
        {
            throw new ArgumentException($"A network key is made on {string.Join(" or ", NetworkSuites.Select(s => s.Group.Name))}, not {networkSuite.Group.Name}.", nameof(networkSuite));
        }

        if (identityKeys.Count is < 2 or > MaxParticipants || threshold < 1 || threshold > identityKeys.Count)
        {
            throw new ArgumentException("Need 2 ≤ n ≤ 65535 participants and 1 ≤ threshold ≤ n.", nameof(threshold));
        }

        if (identityKeys.Any(k => !ReferenceEquals(k.Group, IdentityKey.Group) || k.IsIdentity) || identityKeys.Distinct().Count() != identityKeys.Count)
        {
            throw new ArgumentException("Identity keys are distinct non-identity ristretto255 points.", nameof(identityKeys));
        }

        Threshold = threshold;
        Suites = [FrostCiphersuite.Ristretto255Sha512, networkSuite];
        _identityKeys = [.. identityKeys];
        var transcript = new List<byte>(Encoding.ASCII.GetBytes($"Processor DKG v1 session {networkSuite.Group.Name}"));
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, context.Length);
        transcript.AddRange(number);
        transcript.AddRange(context);
        BinaryPrimitives.WriteUInt16BigEndian(number, (ushort)threshold);
        BinaryPrimitives.WriteUInt16BigEndian(number[2..], (ushort)identityKeys.Count);
        transcript.AddRange(number);
        foreach (var key in _identityKeys)
        {
            transcript.AddRange(key.Serialize());
        }

        Id = SHA256.HashData([.. transcript]);
    }

    /// <summary>
    /// The suites a network key can be made for: secp256k1 (Bitcoin, signed with the taproot suite) and Ed25519 (Monero,
    /// signed by threshold CLSAG). Both have 32-byte scalars, which fixes the round-2 plaintext at 64 bytes.
    /// </summary>
    public static IReadOnlyList<FrostCiphersuite> NetworkSuites { get; } = [FrostCiphersuite.Secp256k1Taproot, FrostCiphersuite.Ed25519Sha512];

    /// <summary>This ceremony's curves, in message order: ristretto255 (Batches), then the network's.</summary>
    public IReadOnlyList<FrostCiphersuite> Suites { get; }

    /// <summary>The network key's suite.</summary>
    public FrostCiphersuite NetworkSuite => Suites[1];

    /// <summary>The 32-byte session identifier: a hash of the context, t, n and every identity key.</summary>
    public IReadOnlyList<byte> Id { get; }

    /// <summary>The threshold t.</summary>
    public int Threshold { get; }

    /// <summary>The number of participants n.</summary>
    public int Participants => _identityKeys.Length;

    /// <summary>The participant indexes 1..n.</summary>
    public IEnumerable<int> Indexes => Enumerable.Range(1, Participants);

    /// <summary>The identity public key of participant <paramref name="index"/>.</summary>
    public Point IdentityKeyOf(int index) => IsParticipant(index)
        ? _identityKeys[index - 1]
        : throw new ArgumentOutOfRangeException(nameof(index), "Not a participant of this session.");

    /// <summary>Whether <paramref name="index"/> is in 1..n.</summary>
    public bool IsParticipant(int index) => index >= 1 && index <= Participants;

    internal byte[] IdBytes => [.. Id];

    /// <summary>A participant index on the wire: 16-bit big-endian.</summary>
    internal static byte[] EncodeIndex(int index)
    {
        var bytes = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, checked((ushort)index));
        return bytes;
    }

    internal static Identifier IdentifierOf(FrostCiphersuite suite, int index) => Identifier.FromIndex(suite.Group, index);
}
