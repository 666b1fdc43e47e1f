using System.Diagnostics.CodeAnalysis;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;
using Processor.Monero.Transactions;

namespace Processor.Monero.RingCt;

/// <summary>
/// Verifies one Bulletproofs+ proof as monerod's <c>bulletproof_plus_VERIFY</c> does, with a single multi-scalar
/// multiplication (README.md, "Verifier"): Â is expanded into its generators so that each generator is scaled once.
/// </summary>
public static class BulletproofPlusVerifier
{
    private static readonly Scalar InverseOfEight = MoneroScalars.Group.InvertPublic(MoneroScalars.FromUInt64(8));

    /// <summary>
    /// Whether <paramref name="stored"/> proves the amounts of <paramref name="commitments"/> (a transaction's outPk:
    /// full points, in output order) below 2^64. False for a wrong proof, a wrong number of commitments or rounds, and
    /// a non-canonical scalar or undecodable point in the proof.
    /// </summary>
    public static bool Verify(BulletproofPlus stored, IReadOnlyList<EdwardsPoint> commitments)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(commitments);
        if (!DecodedProof.TryDecode(stored, out var proof))
        {
            return false;
        }

        var paddedCount = BulletproofPlusChallenges.Pad(commitments.Count);
        if (paddedCount == 0)
        {
            return false;
        }

        var n = paddedCount * BulletproofPlusGenerators.CommitmentBits;
        var rounds = 0;
        while ((1 << rounds) < n)
        {
            rounds++;
        }

        if (proof.L.Length != rounds || proof.R.Length != rounds)
        {
            return false;
        }

        // The transcript takes V/8; V is then taken back as 8·(V/8), which drops any torsion, as monerod does.
        var commitmentsInverseEight = commitments.Select(v => v.Multiply(InverseOfEight)).ToArray();
        var transcript = new BulletproofPlusTranscript(commitmentsInverseEight);
        var (y, z) = transcript.ChallengeYZ(proof.A);
        var roundChallenges = new Scalar[rounds];
        for (var k = 0; k < rounds; k++)
        {
            roundChallenges[k] = transcript.Challenge(proof.L[k], proof.R[k]);
        }

        var e = transcript.Challenge(proof.A1, proof.B);
        var challenges = new BulletproofPlusChallenges(y, z, paddedCount);
        var group = MoneroScalars.Group;
        var eSquared = e * e;
        var minusESquared = -eSquared;
        var products = ChallengeProducts(roundChallenges);
        var yInverse = group.InvertPublic(y);

        var generators = BulletproofPlusGenerators.Instance;
        var termCount = (2 * n) + 2 + 3 + commitments.Count + (2 * rounds);
        var scalars = new Scalar[termCount];
        var points = new ExtendedPoint[termCount];
        var next = 0;

        var er1 = e * proof.R1;
        var es1 = e * proof.S1;
        var eSquaredZ = eSquared * z;
        var yInversePower = BulletproofPlusChallenges.One;
        for (var i = 0; i < n; i++)
        {
            // Gbold_i: e·r1·y^(−i)·p_i from the argument, +e²·z from −e²·Â.
            scalars[next] = (er1 * yInversePower * products[i]) + eSquaredZ;
            points[next++] = generators.GBold[i];
            yInversePower *= yInverse;

            // Hbold_i: e·s1·p_(N−1−i), −e²·(d_i·y^(N−i) + z) from −e²·Â.
            scalars[next] = (es1 * products[n - 1 - i]) + (minusESquared * challenges.HBoldWeights[i]);
            points[next++] = generators.HBold[i];
        }

        scalars[next] = (proof.R1 * y * proof.S1) + (minusESquared * challenges.ValueGeneratorWeight());
        points[next++] = generators.ValueGenerator;
        scalars[next] = proof.D1;
        points[next++] = generators.MaskGenerator;

        scalars[next] = minusESquared;
        points[next++] = Transmitted(proof.A);
        scalars[next] = -e;
        points[next++] = Transmitted(proof.A1);
        scalars[next] = -BulletproofPlusChallenges.One;
        points[next++] = Transmitted(proof.B);

        var minusESquaredYPower = minusESquared * challenges.YPowers[n + 1];
        for (var j = 0; j < commitments.Count; j++)
        {
            scalars[next] = minusESquaredYPower * challenges.ZEvenPowers[j];
            points[next++] = Transmitted(commitmentsInverseEight[j]);
        }

        for (var k = 0; k < rounds; k++)
        {
            var challengeSquared = roundChallenges[k] * roundChallenges[k];
            scalars[next] = minusESquared * challengeSquared;
            points[next++] = Transmitted(proof.L[k]);
            scalars[next] = minusESquared * group.InvertPublic(challengeSquared);
            points[next++] = Transmitted(proof.R[k]);
        }

        return MultiScalarMultiplication.Compute(scalars, points).IsIdentity;
    }

    /// <summary>
    /// p_i = Π_k (e_k if bit k of i, counted from the most significant of log2 N bits, is set, else e_k⁻¹): the
    /// coefficient with which the folding rounds weight original generator i.
    /// </summary>
    private static Scalar[] ChallengeProducts(Scalar[] roundChallenges)
    {
        var group = MoneroScalars.Group;
        var products = new Scalar[1 << roundChallenges.Length];
        products[0] = BulletproofPlusChallenges.One;
        var filled = 1;
        foreach (var challenge in roundChallenges)
        {
            var inverse = group.InvertPublic(challenge);
            for (var i = filled - 1; i >= 0; i--)
            {
                products[(2 * i) + 1] = products[i] * challenge;
                products[2 * i] = products[i] * inverse;
            }

            filled *= 2;
        }

        return products;
    }

    /// <summary>The proof's points and scalars, decoded (Monero refuses non-canonical scalars and non-points).</summary>
    private sealed record DecodedProof(EdwardsPoint A, EdwardsPoint A1, EdwardsPoint B, Scalar R1, Scalar S1, Scalar D1, EdwardsPoint[] L, EdwardsPoint[] R)
    {
        public static bool TryDecode(BulletproofPlus stored, [NotNullWhen(true)] out DecodedProof? proof)
        {
            proof = null;
            var group = MoneroScalars.Group;
            if (!EdwardsPoint.TryDecode(stored.A.Bytes, out var a) || !EdwardsPoint.TryDecode(stored.A1.Bytes, out var a1)
                || !EdwardsPoint.TryDecode(stored.B.Bytes, out var b) || !group.TryDeserializeScalar(stored.R1.Bytes, out var r1)
                || !group.TryDeserializeScalar(stored.S1.Bytes, out var s1) || !group.TryDeserializeScalar(stored.D1.Bytes, out var d1)
                || !TryDecodeAll(stored.L, out var l) || !TryDecodeAll(stored.R, out var r))
            {
                return false;
            }

            proof = new DecodedProof(a, a1, b, r1, s1, d1, l, r);
            return true;
        }

        private static bool TryDecodeAll(IReadOnlyList<RctKey> keys, [NotNullWhen(true)] out EdwardsPoint[]? points)
        {
            points = new EdwardsPoint[keys.Count];
            for (var i = 0; i < keys.Count; i++)
            {
                if (!EdwardsPoint.TryDecode(keys[i].Bytes, out var point))
                {
                    points = null;
                    return false;
                }

                points[i] = point;
            }

            return true;
        }
    }

    /// <summary>8·P: a transmitted point (times 1/8) back at full size with its torsion cleared.</summary>
    private static ExtendedPoint Transmitted(EdwardsPoint point) => ExtendedPoint.From(point).MultiplyByCofactor();
}
