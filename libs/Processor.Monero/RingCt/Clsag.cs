using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.RingCt;

/// <summary>
/// A CLSAG ring signature as a RingCT transaction carries it (one per input): the responses s (one per ring member),
/// the first challenge c1 and D/8, the commitment-mask difference times the key-image generator, stored times 1/8.
/// </summary>
public sealed class Clsag
{
    /// <summary>The largest ring a CLSAG here accepts (Monero's consensus uses 16; the format allows any size).</summary>
    public const int MaxRingSize = 255;

    private readonly Scalar[] _responses;

    /// <summary>A CLSAG from its parts; <paramref name="dInverseEight"/> is D/8 as stored.</summary>
    public Clsag(IReadOnlyList<Scalar> responses, Scalar c1, EdwardsPoint dInverseEight)
    {
        ArgumentNullException.ThrowIfNull(responses);
        if (responses.Count is 0 or > MaxRingSize)
        {
            throw new ArgumentException($"A CLSAG has one response per ring member (1 to {MaxRingSize}), got {responses.Count}.", nameof(responses));
        }

        _responses = [.. responses];
        C1 = c1;
        DInverseEight = dInverseEight;
    }

    /// <summary>The responses s_0 … s_{n−1}.</summary>
    public IReadOnlyList<Scalar> Responses => _responses;

    /// <summary>The challenge of ring index 0 (Monero calls it c1).</summary>
    public Scalar C1 { get; }

    /// <summary>D/8 as serialized.</summary>
    public EdwardsPoint DInverseEight { get; }

    /// <summary>The size in bytes of a serialized CLSAG for a ring of <paramref name="ringSize"/> members.</summary>
    public static int SerializedLength(int ringSize) => 32 * (ringSize + 2);

    /// <summary>Reads <c>s[ringSize] ‖ c1 ‖ D/8</c>; scalars must be canonical and D/8 a valid point.</summary>
    public static Clsag Read(ref MoneroReader reader, int ringSize)
    {
        if (ringSize is <= 0 or > MaxRingSize)
        {
            throw new ArgumentOutOfRangeException(nameof(ringSize), ringSize, $"A CLSAG ring has 1 to {MaxRingSize} members.");
        }

        var responses = new Scalar[ringSize];
        for (var i = 0; i < ringSize; i++)
        {
            responses[i] = MoneroScalars.Decode(reader.Read32($"CLSAG response s[{i}]"), $"CLSAG response s[{i}]");
        }

        var c1 = MoneroScalars.Decode(reader.Read32("CLSAG c1"), "CLSAG c1");
        var d = EdwardsPoint.Decode(reader.Read32("CLSAG D"), "CLSAG D");
        return new Clsag(responses, c1, d);
    }

    /// <summary>Reads a whole serialized CLSAG (see <see cref="Read(ref MoneroReader, int)"/>).</summary>
    public static Clsag FromBytes(ReadOnlySpan<byte> bytes, int ringSize)
    {
        var reader = new MoneroReader(bytes);
        var clsag = Read(ref reader, ringSize);
        reader.ExpectEnd("CLSAG");
        return clsag;
    }

    /// <summary>Writes <c>s[n] ‖ c1 ‖ D/8</c> (no length prefix: the ring size comes from the input).</summary>
    public void Write(MoneroWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        foreach (var response in _responses)
        {
            writer.WriteBytes(response.Serialize());
        }

        writer.WriteBytes(C1.Serialize());
        writer.WriteBytes(DInverseEight.Encoding);
    }

    /// <summary>The serialized form.</summary>
    public byte[] ToBytes()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// Verifies the signature for a ring, key image, pseudo-out commitment and 32-byte message (the transaction's
    /// pre-MLSAG hash), as monerod's <c>verRctCLSAGSimple</c> does. False for any invalid signature, including a key image
    /// that is the identity or carries torsion and a D that clears to the identity.
    /// </summary>
    public bool Verify(IReadOnlyList<RingMember> ring, EdwardsPoint keyImage, EdwardsPoint pseudoOut, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(keyImage);
        ArgumentNullException.ThrowIfNull(pseudoOut);
        if (ring.Count != _responses.Length)
        {
            return false;
        }

        if (keyImage.IsIdentity || !keyImage.IsTorsionFree)
        {
            return false;
        }

        var d = DInverseEight.MultiplyByCofactor();
        if (d.IsIdentity)
        {
            return false;
        }

        var clsagRing = new ClsagRing(ring, keyImage, pseudoOut, d, DInverseEight, message);
        var (last, _) = clsagRing.Walk(0, ring.Count, C1, _responses);
        return last.EqualsConstantTime(C1);
    }
}
