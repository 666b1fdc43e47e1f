using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using Processor.Monero.Serialization;

namespace Processor.Networks.Plugins.Monero;

/// <summary>
/// A Monero plan's signing data: one ring per input, in the plan's input order. Version byte 1, a varint ring count, then
/// per ring: a varint member count, the real member's position (varint), and per member (by global index, ascending) the
/// global index (varint), the one-time key and the commitment (32 bytes each).
/// </summary>
public static class MoneroPlanRings
{
    /// <summary>The encoding's version byte.</summary>
    public const byte Version = 1;

    /// <summary>The bytes of <paramref name="rings"/>.</summary>
    public static byte[] Encode(IReadOnlyList<Ring> rings)
    {
        ArgumentNullException.ThrowIfNull(rings);
        var writer = new MoneroWriter().WriteByte(Version).WriteVarint((ulong)rings.Count);
        foreach (var ring in rings)
        {
            writer.WriteVarint((ulong)ring.Members.Count).WriteVarint((ulong)ring.RealIndex);
            for (var i = 0; i < ring.Members.Count; i++)
            {
                writer.WriteVarint(ring.GlobalIndices[i]).WriteBytes(ring.Members[i].Key.Encoding).WriteBytes(ring.Members[i].Commitment.Encoding);
            }
        }

        return writer.ToArray();
    }

    /// <summary>The rings <paramref name="signingData"/> holds.</summary>
    /// <exception cref="FormatException">Not this encoding (the message says where it is not).</exception>
    public static IReadOnlyList<Ring> Decode(ReadOnlySpan<byte> signingData)
    {
        var reader = new MoneroReader(signingData);
        if (reader.ReadByte("version") != Version)
        {
            throw new FormatException($"Monero plan rings start with version {Version}.");
        }

        var rings = new List<Ring>();
        for (var count = reader.ReadCount("ring count", 2); rings.Count < count;)
        {
            var members = reader.ReadCount("ring size", 65);
            var real = reader.ReadVarint("real position");
            var indices = new List<ulong>(members);
            var ring = new List<RingMember>(members);
            for (var i = 0; i < members; i++)
            {
                indices.Add(reader.ReadVarint("global index"));
                var key = EdwardsPoint.Decode(reader.Read32("member key"), "a ring member's key");
                ring.Add(new RingMember(key, EdwardsPoint.Decode(reader.Read32("member commitment"), "a ring member's commitment")));
            }

            if (real >= (ulong)members || indices.Zip(indices.Skip(1)).Any(p => p.First >= p.Second))
            {
                throw new FormatException($"Ring {rings.Count}'s real position is outside it or its global indices do not ascend.");
            }

            rings.Add(new Ring(indices, ring, (int)real));
        }

        reader.ExpectEnd("Monero plan rings");
        return rings;
    }
}
