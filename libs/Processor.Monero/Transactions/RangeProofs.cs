using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>An aggregate range proof over a transaction's output commitments, as serialized (V, the commitments, is not: it is the outPk times 8⁻¹).</summary>
public abstract record RangeProof
{
    private protected RangeProof()
    {
    }

    /// <summary>The left-hand inner-product round points.</summary>
    public abstract IReadOnlyList<RctKey> L { get; }

    /// <summary>The right-hand inner-product round points.</summary>
    public abstract IReadOnlyList<RctKey> R { get; }

    /// <summary>
    /// The number of amounts the proof covers after padding to a power of two: 2^(|L| − 6), since each round halves
    /// 64·m generators. monerod's weight clawback counts these.
    /// </summary>
    public int PaddedAmountCount => L.Count >= 6 && L.Count < 6 + 31 ? 1 << (L.Count - 6) : throw new InvalidOperationException($"A range proof with {L.Count} rounds.");

    /// <summary>The proof's fields in <c>get_pre_mlsag_hash</c>'s order (no counts), the third part of the signature hash.</summary>
    public abstract IEnumerable<RctKey> SignatureHashKeys();

    internal abstract void Write(MoneroWriter writer);

    private protected static IReadOnlyList<RctKey> ReadKeys(ref MoneroReader reader, string what)
    {
        var count = reader.ReadCount($"{what} count", RctKey.Length);
        var keys = new RctKey[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = new RctKey(reader.Read32($"{what}[{i}]"));
        }

        return keys;
    }

    private protected static void WriteKeys(MoneroWriter writer, IReadOnlyList<RctKey> keys)
    {
        writer.WriteVarint((ulong)keys.Count);
        foreach (var key in keys)
        {
            writer.WriteBytes(key.Bytes);
        }
    }
}

/// <summary>A Bulletproof as RCT type 5 stores it: A, S, T1, T2, τx, μ, L, R, a, b, t.</summary>
public sealed record Bulletproof(
    RctKey A, RctKey S, RctKey T1, RctKey T2, RctKey TauX, RctKey Mu, IReadOnlyList<RctKey> L, IReadOnlyList<RctKey> R, RctKey SmallA, RctKey SmallB, RctKey T)
    : RangeProof
{
    /// <inheritdoc/>
    public override IReadOnlyList<RctKey> L { get; } = L;

    /// <inheritdoc/>
    public override IReadOnlyList<RctKey> R { get; } = R;

    /// <inheritdoc/>
    public override IEnumerable<RctKey> SignatureHashKeys() => [A, S, T1, T2, TauX, Mu, .. L, .. R, SmallA, SmallB, T];

    internal static Bulletproof Read(ref MoneroReader reader, int index)
    {
        var what = $"Bulletproof {index}";
        var a = new RctKey(reader.Read32($"{what} A"));
        var s = new RctKey(reader.Read32($"{what} S"));
        var t1 = new RctKey(reader.Read32($"{what} T1"));
        var t2 = new RctKey(reader.Read32($"{what} T2"));
        var taux = new RctKey(reader.Read32($"{what} taux"));
        var mu = new RctKey(reader.Read32($"{what} mu"));
        var l = ReadKeys(ref reader, $"{what} L");
        var r = ReadKeys(ref reader, $"{what} R");
        return new Bulletproof(a, s, t1, t2, taux, mu, l, r,
            new RctKey(reader.Read32($"{what} a")), new RctKey(reader.Read32($"{what} b")), new RctKey(reader.Read32($"{what} t")));
    }

    internal override void Write(MoneroWriter writer)
    {
        foreach (var key in new[] { A, S, T1, T2, TauX, Mu })
        {
            writer.WriteBytes(key.Bytes);
        }

        WriteKeys(writer, L);
        WriteKeys(writer, R);
        writer.WriteBytes(SmallA.Bytes).WriteBytes(SmallB.Bytes).WriteBytes(T.Bytes);
    }
}

/// <summary>A Bulletproof+ as RCT type 6 stores it: A, A1, B, r1, s1, d1, L, R.</summary>
public sealed record BulletproofPlus(RctKey A, RctKey A1, RctKey B, RctKey R1, RctKey S1, RctKey D1, IReadOnlyList<RctKey> L, IReadOnlyList<RctKey> R)
    : RangeProof
{
    /// <inheritdoc/>
    public override IReadOnlyList<RctKey> L { get; } = L;

    /// <inheritdoc/>
    public override IReadOnlyList<RctKey> R { get; } = R;

    /// <inheritdoc/>
    public override IEnumerable<RctKey> SignatureHashKeys() => [A, A1, B, R1, S1, D1, .. L, .. R];

    internal static BulletproofPlus Read(ref MoneroReader reader, int index)
    {
        var what = $"Bulletproof+ {index}";
        var a = new RctKey(reader.Read32($"{what} A"));
        var a1 = new RctKey(reader.Read32($"{what} A1"));
        var b = new RctKey(reader.Read32($"{what} B"));
        var r1 = new RctKey(reader.Read32($"{what} r1"));
        var s1 = new RctKey(reader.Read32($"{what} s1"));
        var d1 = new RctKey(reader.Read32($"{what} d1"));
        var l = ReadKeys(ref reader, $"{what} L");
        return new BulletproofPlus(a, a1, b, r1, s1, d1, l, ReadKeys(ref reader, $"{what} R"));
    }

    internal override void Write(MoneroWriter writer)
    {
        foreach (var key in new[] { A, A1, B, R1, S1, D1 })
        {
            writer.WriteBytes(key.Bytes);
        }

        WriteKeys(writer, L);
        WriteKeys(writer, R);
    }
}
