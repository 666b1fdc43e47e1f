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
/// One ceremony produces two keys: <see cref="Suites"/> lists the curves in message order.
/// </summary>
public sealed class DkgSession
{
    /// <summary>The largest supported number of participants (indexes travel as 16-bit integers).</summary>
    public const int MaxParticipants = ushort.MaxValue;

    private readonly Point[] _identityKeys;

    /// <summary>Creates the parameters; throws <see cref="ArgumentException"/> unless 1 ≤ t ≤ n, n ≥ 2 and the keys are distinct.</summary>
    public DkgSession(ReadOnlySpan<byte> context, int threshold, IReadOnlyList<Point> identityKeys)
    {
        if (identityKeys.Count is < 2 or > MaxParticipants || threshold < 1 || threshold > identityKeys.Count)
        {
            throw new ArgumentException("Need 2 ≤ n ≤ 65535 participants and 1 ≤ threshold ≤ n.", nameof(threshold));
        }

        if (identityKeys.Any(k => !ReferenceEquals(k.Group, IdentityKey.Group) || k.IsIdentity) || identityKeys.Distinct().Count() != identityKeys.Count)
        {
            throw new ArgumentException("Identity keys are distinct non-identity ristretto255 points.", nameof(identityKeys));
        }

        Threshold = threshold;
        _identityKeys = [.. identityKeys];
        var transcript = new List<byte>(Encoding.ASCII.GetBytes("Processor DKG v1 session"));
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

    /// <summary>The curves of every ceremony, in message order: ristretto255 (Batches), then secp256k1 (Bitcoin, taproot).</summary>
    public static IReadOnlyList<FrostCiphersuite> Suites { get; } = [FrostCiphersuite.Ristretto255Sha512, FrostCiphersuite.Secp256k1Taproot];

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
