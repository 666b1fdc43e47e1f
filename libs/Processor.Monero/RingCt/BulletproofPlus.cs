using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.RingCt;

/// <summary>
/// An aggregate Bulletproofs+ range proof as a RingCT type-6 transaction carries it: that each of 1 to 16 commitments
/// hides an amount below 2^64. Points are stored times 1/8, as monerod writes them.
/// </summary>
public sealed class BulletproofPlus
{
    /// <summary>log2(16 · 64): the most rounds, so the most L and R points, a proof has.</summary>
    public const int MaxRounds = 10;

    /// <summary>A proof from its parts (as transmitted: points times 1/8).</summary>
    public BulletproofPlus(EdwardsPoint a, EdwardsPoint a1, EdwardsPoint b, Scalar r1, Scalar s1, Scalar d1, IReadOnlyList<EdwardsPoint> l, IReadOnlyList<EdwardsPoint> r)
    {
        ArgumentNullException.ThrowIfNull(l);
        ArgumentNullException.ThrowIfNull(r);
        if (l.Count > MaxRounds || r.Count > MaxRounds)
        {
            throw new ArgumentException($"A Bulletproofs+ proof has at most {MaxRounds} L and R points, got {l.Count} and {r.Count}.", nameof(l));
        }

        A = a;
        A1 = a1;
        B = b;
        R1 = r1;
        S1 = s1;
        D1 = d1;
        L = [.. l];
        R = [.. r];
    }

    /// <summary>The commitment to the amounts' bits.</summary>
    public EdwardsPoint A { get; }

    /// <summary>The weighted-inner-product argument's final commitment (monerod's A1).</summary>
    public EdwardsPoint A1 { get; }

    /// <summary>The final commitment to the blinding terms.</summary>
    public EdwardsPoint B { get; }

    /// <summary>The final response r'.</summary>
    public Scalar R1 { get; }

    /// <summary>The final response s'.</summary>
    public Scalar S1 { get; }

    /// <summary>The final response δ'.</summary>
    public Scalar D1 { get; }

    /// <summary>The left points of each folding round.</summary>
    public IReadOnlyList<EdwardsPoint> L { get; }

    /// <summary>The right points of each folding round.</summary>
    public IReadOnlyList<EdwardsPoint> R { get; }

    /// <summary>
    /// Proves that each opening's amount is below 2^64 (an amount is a <see cref="ulong"/>, so every amount given here
    /// is). 1 to 16 openings; the proof covers their commitments in the order given.
    /// </summary>
    public static BulletproofPlus Prove(IReadOnlyList<CommitmentOpening> openings, Func<Scalar> random) =>
        BulletproofPlusProver.Prove(openings, random);

    /// <summary>
    /// Verifies the proof against the commitments it covers (a transaction's outPk, full points, in output order), as
    /// monerod's <c>bulletproof_plus_VERIFY</c> does. False for a wrong proof or a wrong number of commitments.
    /// </summary>
    public bool Verify(IReadOnlyList<EdwardsPoint> commitments) => BulletproofPlusVerifier.Verify(this, commitments);

    /// <summary>Reads <c>A, A1, B, r1, s1, d1, varint |L|, L…, varint |R|, R…</c>.</summary>
    public static BulletproofPlus Read(ref MoneroReader reader)
    {
        var a = ReadPoint(ref reader, "Bulletproofs+ A");
        var a1 = ReadPoint(ref reader, "Bulletproofs+ A1");
        var b = ReadPoint(ref reader, "Bulletproofs+ B");
        var r1 = ReadScalar(ref reader, "Bulletproofs+ r1");
        var s1 = ReadScalar(ref reader, "Bulletproofs+ s1");
        var d1 = ReadScalar(ref reader, "Bulletproofs+ d1");
        var l = ReadPoints(ref reader, "Bulletproofs+ L");
        var r = ReadPoints(ref reader, "Bulletproofs+ R");
        return new BulletproofPlus(a, a1, b, r1, s1, d1, l, r);
    }

    /// <summary>Reads a whole serialized proof (see <see cref="Read(ref MoneroReader)"/>).</summary>
    public static BulletproofPlus FromBytes(ReadOnlySpan<byte> bytes)
    {
        var reader = new MoneroReader(bytes);
        var proof = Read(ref reader);
        reader.ExpectEnd("Bulletproofs+ proof");
        return proof;
    }

    /// <summary>Writes the proof as a transaction's prunable part holds it (L and R with varint lengths).</summary>
    public void Write(MoneroWriter writer) => Write(writer, withLengths: true);

    /// <summary>Writes the proof as the CLSAG message hash covers it: the same fields without the two lengths.</summary>
    public void WriteForSignatureHash(MoneroWriter writer) => Write(writer, withLengths: false);

    /// <summary>The serialized form (see <see cref="Write(MoneroWriter)"/>).</summary>
    public byte[] ToBytes()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    private void Write(MoneroWriter writer, bool withLengths)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteBytes(A.Encoding).WriteBytes(A1.Encoding).WriteBytes(B.Encoding);
        writer.WriteBytes(R1.Serialize()).WriteBytes(S1.Serialize()).WriteBytes(D1.Serialize());
        foreach (var points in new[] { L, R })
        {
            if (withLengths)
            {
                writer.WriteVarint((ulong)points.Count);
            }

            foreach (var point in points)
            {
                writer.WriteBytes(point.Encoding);
            }
        }
    }

    private static EdwardsPoint ReadPoint(ref MoneroReader reader, string what) => EdwardsPoint.Decode(reader.Read32(what), what);

    private static Scalar ReadScalar(ref MoneroReader reader, string what) => MoneroScalars.Decode(reader.Read32(what), what);

    private static EdwardsPoint[] ReadPoints(ref MoneroReader reader, string what)
    {
        var count = reader.ReadCount(what, 32);
        if (count > MaxRounds)
        {
            throw new MoneroFormatException($"{what} has {count} points; a proof of at most 16 amounts has {MaxRounds}.");
        }

        var points = new EdwardsPoint[count];
        for (var i = 0; i < count; i++)
        {
            points[i] = ReadPoint(ref reader, $"{what}[{i}]");
        }

        return points;
    }
}
