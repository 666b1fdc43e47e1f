using Google.Protobuf.Collections;
using Processor.Contracts.Coordinator.V1;
using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;
using Processor.Messaging.Consuming;

namespace Processor.Signer.Signing;

/// <summary>A participant's refused item: who, which machine, the bytes as relayed, and why.</summary>
public sealed record ParticipantFault(int Participant, int Machine, byte[] Evidence, string Reason);

/// <summary>
/// Reads the other participants' items (preprocesses or shares) as the coordinator relayed them. A relay that cannot be
/// right whoever sent what (an unknown participant, ourselves, one twice) is the coordinator's fault: poison. An item that
/// is malformed is its participant's fault: a <see cref="ParticipantFault"/>.
/// </summary>
public static class PeerData
{
    /// <summary>The relayed items by participant, checked against the key's participants.</summary>
    public static SortedDictionary<int, IReadOnlyList<byte[]>> ByParticipant(
        RepeatedField<ParticipantSigningData> relayed, ThresholdPublicKey key, int self, string what)
    {
        var byParticipant = new SortedDictionary<int, IReadOnlyList<byte[]>>();
        foreach (var entry in relayed)
        {
            var participant = (int)entry.Participant;
            if (participant < 1 || !key.VerifyingShares.ContainsKey(Identifier.FromIndex(key.Group, participant)))
            {
                throw new PoisonMessageException($"The {what} name participant {entry.Participant}, who does not hold a share of this key.");
            }

            if (participant == self)
            {
                throw new PoisonMessageException($"The {what} include our own (participant {self}); only the other participants' are relayed.");
            }

            if (!byParticipant.TryAdd(participant, [.. entry.Data.Select(d => d.ToByteArray())]))
            {
                throw new PoisonMessageException($"The {what} name participant {participant} twice.");
            }
        }

        return byParticipant;
    }

    /// <summary>
    /// Decodes every participant's items with <paramref name="decode"/> (one per machine, each naming its sender), collecting
    /// faults instead of stopping at the first.
    /// </summary>
    public static (Dictionary<int, T[]> Decoded, List<ParticipantFault> Faults) Decode<T>(
        IReadOnlyDictionary<int, IReadOnlyList<byte[]>> items, int machines, PrimeOrderGroup group,
        Func<PrimeOrderGroup, byte[], T> decode, Func<T, Identifier> sender, string what)
    {
        var decoded = new Dictionary<int, T[]>();
        var faults = new List<ParticipantFault>();
        foreach (var (participant, data) in items)
        {
            if (data.Count != machines)
            {
                faults.Add(new ParticipantFault(participant, -1, [.. data.SelectMany(d => d)],
                    $"sent {data.Count} {what}s where {machines} (one per signing machine) are needed"));
                continue;
            }

            var values = new T[machines];
            for (var machine = 0; machine < machines; machine++)
            {
                try
                {
                    values[machine] = decode(group, data[machine]);
                }
                catch (Exception ex) when (ex is FormatException or ArgumentException)
                {
                    faults.Add(new ParticipantFault(participant, machine, data[machine], $"its {what} for machine {machine} is malformed: {ex.Message}"));
                    break;
                }

                if (sender(values[machine]) != Identifier.FromIndex(group, participant))
                {
                    faults.Add(new ParticipantFault(participant, machine, data[machine],
                        $"its {what} for machine {machine} names participant {sender(values[machine])}, not {participant}"));
                    break;
                }
            }

            if (!faults.Any(f => f.Participant == participant))
            {
                decoded[participant] = values;
            }
        }

        return (decoded, faults);
    }
}
