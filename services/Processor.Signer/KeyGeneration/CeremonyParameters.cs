using System.Buffers.Binary;
using System.Text;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Dkg;
using Processor.Messaging.Consuming;
using Processor.Networks;
using Processor.Signer.Keys;

namespace Processor.Signer.KeyGeneration;

/// <summary>The public parameters of one key-generation attempt, as <c>GenerateKey</c> gave them and as they are stored.</summary>
/// <param name="IdentityKeys">Every participant's identity key (32 bytes), index order.</param>
public sealed record CeremonyParameters(uint Session, uint Attempt, int Threshold, int OurParticipant, IReadOnlyList<byte[]> IdentityKeys)
{
    public int ParticipantCount => IdentityKeys.Count;

    /// <summary>The other participants' indexes.</summary>
    public IEnumerable<int> Peers => Enumerable.Range(1, ParticipantCount).Where(i => i != OurParticipant);

    /// <summary>Checks a <c>GenerateKey</c>: a coordinator's mistake is a poison message with the reason, never a crash.</summary>
    /// <exception cref="PoisonMessageException">Inconsistent counts, indexes, threshold, or keys; or our index does not list our identity key.</exception>
    public static CeremonyParameters From(GenerateKey command, byte[] ourIdentityKey)
    {
        var what = $"GenerateKey for session {command.Session} attempt {command.Attempt}";
        var n = (int)Math.Min(command.ParticipantCount, int.MaxValue);
        if (n < 2 || n > DkgSession.MaxParticipants)
        {
            throw new PoisonMessageException($"{what}: participant_count {command.ParticipantCount} is not in 2..{DkgSession.MaxParticipants}.");
        }

        if (command.Threshold < 1 || command.Threshold > command.ParticipantCount)
        {
            throw new PoisonMessageException($"{what}: threshold {command.Threshold} is not in 1..{n}.");
        }

        if (command.OurParticipant < 1 || command.OurParticipant > command.ParticipantCount)
        {
            throw new PoisonMessageException($"{what}: our_participant {command.OurParticipant} is not in 1..{n}.");
        }

        var listed = command.Participants.Select(p => p.Participant).Order().ToList();
        if (command.Participants.Count != n || !listed.SequenceEqual(Enumerable.Range(1, n).Select(i => (uint)i)))
        {
            throw new PoisonMessageException($"{what}: participants must list each index 1..{n} once; it lists [{string.Join(", ", listed)}].");
        }

        var keys = command.Participants.OrderBy(p => p.Participant).Select(p => p.IdentityKey.ToByteArray()).ToList();
        for (var i = 0; i < n; i++)
        {
            if (!IsIdentityKey(keys[i]))
            {
                throw new PoisonMessageException($"{what}: participant {i + 1}'s identity key is not a 32-byte ristretto255 point.");
            }
        }

        if (keys.Distinct(ByteArrayComparer.Instance).Count() != n)
        {
            throw new PoisonMessageException($"{what}: two participants have the same identity key.");
        }

        if (!keys[(int)command.OurParticipant - 1].AsSpan().SequenceEqual(ourIdentityKey))
        {
            throw new PoisonMessageException(
                $"{what}: participant {command.OurParticipant} (our index) is listed with identity key {Convert.ToHexStringLower(keys[(int)command.OurParticipant - 1])}, " +
                $"but this signer's identity key is {Convert.ToHexStringLower(ourIdentityKey)}.");
        }

        return new CeremonyParameters(command.Session, command.Attempt, (int)command.Threshold, (int)command.OurParticipant, keys);
    }

    /// <summary>
    /// The library's ceremony, making the network key on <paramref name="curve"/> (the plug-in's key form names it). Its
    /// context binds the network, session and attempt, and its id the curve, so no message or seed of one attempt serves another.
    /// </summary>
    public DkgSession ToDkgSession(string network, NetworkCurve curve)
    {
        var numbers = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, Session);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(4), Attempt);
        byte[] context = [.. Encoding.ASCII.GetBytes("Processor key generation"), 0, .. Encoding.UTF8.GetBytes(network), 0, .. numbers];
        return new DkgSession(context, Threshold, [.. IdentityKeys.Select(k => IdentityKey.Group.DeserializeElement(k))], NetworkKeySuites.Of(curve));
    }

    private static bool IsIdentityKey(byte[] key)
    {
        if (key.Length != IdentityKey.Group.ElementLength)
        {
            return false;
        }

        try
        {
            return !IdentityKey.Group.DeserializeElement(key).IsIdentity;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

/// <summary>Byte arrays compared by content.</summary>
internal sealed class ByteArrayComparer : IEqualityComparer<byte[]>
{
    public static ByteArrayComparer Instance { get; } = new();

    public bool Equals(byte[]? x, byte[]? y) => x is null ? y is null : y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(byte[] obj)
    {
        var hash = new HashCode();
        hash.AddBytes(obj);
        return hash.ToHashCode();
    }
}
