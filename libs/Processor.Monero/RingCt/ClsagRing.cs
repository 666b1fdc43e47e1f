using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.RingCt;

/// <summary>
/// The part of CLSAG shared by signing and verification: the aggregation coefficients μ_P, μ_C and the walk around the
/// ring that turns a challenge and responses into the next challenges (layout in README.md).
/// </summary>
internal sealed class ClsagRing
{
    private const int TagLength = 32;

    private readonly IReadOnlyList<RingMember> _members;
    private readonly ExtendedPoint[] _keys;
    private readonly ExtendedPoint[] _commitmentDifferences;
    private readonly ExtendedPoint[] _keyImageGenerators;
    private readonly ExtendedPoint _keyImage;
    private readonly ExtendedPoint _d;
    private readonly byte[] _roundPrefix;

    /// <param name="d">D itself (z·Hp(P_π)), not the stored D/8.</param>
    public ClsagRing(IReadOnlyList<RingMember> members, EdwardsPoint keyImage, EdwardsPoint pseudoOut, EdwardsPoint d, EdwardsPoint dInverseEight, ReadOnlySpan<byte> message)
    {
        if (message.Length != 32)
        {
            throw new ArgumentException($"A CLSAG message is 32 bytes (the transaction's pre-MLSAG hash), got {message.Length}.", nameof(message));
        }

        _members = members;
        var n = members.Count;
        var pseudoOutPoint = ExtendedPoint.From(pseudoOut).ToCached();
        _keys = new ExtendedPoint[n];
        _commitmentDifferences = new ExtendedPoint[n];
        _keyImageGenerators = new ExtendedPoint[n];
        for (var i = 0; i < n; i++)
        {
            _keys[i] = ExtendedPoint.From(members[i].Key);
            _commitmentDifferences[i] = ExtendedPoint.From(members[i].Commitment).Subtract(pseudoOutPoint);
            _keyImageGenerators[i] = ExtendedPoint.From(MoneroHash.HashToPoint(members[i].Key.Encoding));
        }

        _keyImage = ExtendedPoint.From(keyImage);
        _d = ExtendedPoint.From(d);

        var ringBytes = new byte[2 * n * 32];
        for (var i = 0; i < n; i++)
        {
            members[i].Key.Encoding.CopyTo(ringBytes.AsSpan(32 * i));
            members[i].Commitment.Encoding.CopyTo(ringBytes.AsSpan(32 * (n + i)));
        }

        MuP = MoneroHash.HashToScalar(Tag("CLSAG_agg_0"), ringBytes, keyImage.ToArray(), dInverseEight.ToArray(), pseudoOut.ToArray());
        MuC = MoneroHash.HashToScalar(Tag("CLSAG_agg_1"), ringBytes, keyImage.ToArray(), dInverseEight.ToArray(), pseudoOut.ToArray());
        _roundPrefix = [.. Tag("CLSAG_round"), .. ringBytes, .. pseudoOut.Encoding, .. message];
    }

    public int Size => _members.Count;

    /// <summary>μ_P, the weight of the key in the aggregated key.</summary>
    public Scalar MuP { get; }

    /// <summary>μ_C, the weight of the commitment difference.</summary>
    public Scalar MuC { get; }

    /// <summary>The round challenge of the commitments L = a·G, R = a·Hp(P) (the signer's nonce commitments).</summary>
    public Scalar Challenge(ExtendedPoint l, ExtendedPoint r) => MoneroHash.HashToScalar(_roundPrefix, l.Encode(), r.Encode());

    /// <summary>
    /// Walks <paramref name="steps"/> members from <paramref name="start"/> (indices modulo the ring size) with the
    /// challenge <paramref name="challenge"/> of the first one; returns the challenge after the last step and the
    /// challenge of index 0 if the walk produced it (else <paramref name="challenge"/>, which is then index 0's).
    /// </summary>
    public (Scalar Last, Scalar First) Walk(int start, int steps, Scalar challenge, IReadOnlyList<Scalar> responses)
    {
        var first = challenge;
        var g = ExtendedPoint.From(EdwardsPoint.Generator);
        for (var step = 0; step < steps; step++)
        {
            var i = (start + step) % Size;
            var keyChallenge = MuP * challenge;
            var commitmentChallenge = MuC * challenge;
            Scalar[] scalars = [responses[i], keyChallenge, commitmentChallenge];
            var l = MultiScalarMultiplication.Compute(scalars, [g, _keys[i], _commitmentDifferences[i]]);
            var r = MultiScalarMultiplication.Compute(scalars, [_keyImageGenerators[i], _keyImage, _d]);
            challenge = Challenge(l, r);
            if (i == Size - 1)
            {
                first = challenge;
            }
        }

        return (challenge, first);
    }

    private static byte[] Tag(string name)
    {
        var tag = new byte[TagLength];
        System.Text.Encoding.ASCII.GetBytes(name, tag);
        return tag;
    }
}
