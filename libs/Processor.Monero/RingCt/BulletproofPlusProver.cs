using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt.Arithmetic;
using Processor.Monero.Transactions;

namespace Processor.Monero.RingCt;

/// <summary>
/// The Bulletproofs+ prover (aggregate range proof, then the weighted inner product argument), as monerod's
/// <c>bulletproof_plus_PROVE</c>; the equations are in README.md. Point sums run on the variable-time multi-scalar
/// multiplication, as monerod's do (the WIP witness and d_L, d_R enter them; README.md, "How the prover stays fast");
/// alpha, delta and eta are multiplied into points only by libsodium, and the masks enter only scalar arithmetic.
/// </summary>
public static class BulletproofPlusProver
{

    private static readonly Scalar InverseOfEight = MoneroScalars.Group.InvertPublic(MoneroScalars.FromUInt64(8));

    /// <summary>
    /// Proves that each opening's amount is below 2^64 (amounts are <see cref="ulong"/>s, so every amount given here
    /// is), for 1 to 16 openings, covering their commitments in the order given. Points come out times 1/8, as the
    /// transaction stores them; <paramref name="random"/> supplies alpha and the blinding scalars.
    /// </summary>
    public static BulletproofPlus Prove(IReadOnlyList<CommitmentOpening> openings, Func<Scalar> random)
    {
        ArgumentNullException.ThrowIfNull(openings);
        ArgumentNullException.ThrowIfNull(random);
        var paddedCount = BulletproofPlusChallenges.Pad(openings.Count);
        if (paddedCount == 0)
        {
            throw new ArgumentException($"A Bulletproofs+ proof covers 1 to {BulletproofPlusGenerators.MaxCommitments} amounts, got {openings.Count}.", nameof(openings));
        }

        var generators = BulletproofPlusGenerators.Instance;
        var n = paddedCount * BulletproofPlusGenerators.CommitmentBits;
        var transcript = new BulletproofPlusTranscript([.. openings.Select(TransmittedCommitment)]);

        // aL are the amounts' bits (padded amounts are 0), aR = aL − 1; A = Σ aL·Gbold + Σ aR·Hbold + α·G needs only sums.
        var bits = new bool[n];
        for (var j = 0; j < openings.Count; j++)
        {
            for (var i = 0; i < BulletproofPlusGenerators.CommitmentBits; i++)
            {
                bits[(j * BulletproofPlusGenerators.CommitmentBits) + i] = ((openings[j].Amount >> i) & 1) == 1;
            }
        }

        var bitSum = ExtendedPoint.Identity;
        for (var i = 0; i < n; i++)
        {
            bitSum = bits[i] ? bitSum.Add(generators.GBold[i]) : bitSum.Subtract(generators.HBold[i].ToCached());
        }

        var alpha = random();
        var a = ToTransmitted(bitSum.ToEdwardsPoint() + EdwardsPoint.MultiplyBase(alpha));

        var (y, z) = transcript.ChallengeYZ(a);
        var challenges = new BulletproofPlusChallenges(y, z, paddedCount);
        var one = BulletproofPlusChallenges.One;
        var aHat = new Scalar[n];
        var bHat = new Scalar[n];
        for (var i = 0; i < n; i++)
        {
            aHat[i] = bits[i] ? one - z : -z;
            bHat[i] = bits[i] ? challenges.HBoldWeights[i] : challenges.HBoldWeights[i] - one;
        }

        var alphaHat = alpha;
        var yPowerNPlusOne = challenges.YPowers[n + 1];
        for (var j = 0; j < openings.Count; j++)
        {
            alphaHat += challenges.ZEvenPowers[j] * openings[j].Mask * yPowerNPlusOne;
        }

        return ProveWeightedInnerProduct(transcript, challenges, a, aHat, bHat, alphaHat, random);
    }

    private static BulletproofPlus ProveWeightedInnerProduct(
        BulletproofPlusTranscript transcript,
        BulletproofPlusChallenges challenges,
        EdwardsPoint a,
        Scalar[] aVector,
        Scalar[] bVector,
        Scalar alpha,
        Func<Scalar> random)
    {
        var generators = BulletproofPlusGenerators.Instance;
        var n = challenges.Length;

        var table = generators.Table;
        var gBold = new FoldedGeneratorVector(table, BulletproofPlusGenerators.GBoldIndex, n);
        var hBold = new FoldedGeneratorVector(table, BulletproofPlusGenerators.HBoldIndex, n);
        var yPowers = challenges.YPowers;
        var l = new List<EdwardsPoint>();
        var r = new List<EdwardsPoint>();

        while (n > 1)
        {
            var half = n / 2;
            var yHalf = yPowers[half];
            var yHalfInverse = MoneroScalars.Group.InvertPublic(yHalf);
            var dL = random();
            var dR = random();

            // c_L = ⟨a1, b2⟩_y and c_R = ⟨y^n̂·a2, b1⟩_y; L weighs G2 by y^(−n̂)·a1, R weighs G1 by y^n̂·a2.
            var cL = BulletproofPlusChallenges.Zero;
            var cR = BulletproofPlusChallenges.Zero;
            var a1Weights = new Scalar[half];
            var a2Weights = new Scalar[half];
            for (var i = 0; i < half; i++)
            {
                a1Weights[i] = aVector[i] * yHalfInverse;
                a2Weights[i] = aVector[half + i] * yHalf;
                cL += aVector[i] * bVector[half + i] * yPowers[i + 1];
                cR += a2Weights[i] * bVector[i] * yPowers[i + 1];
            }

            // L and R are sent times 1/8: the factor goes into the shared weights, which is cheaper than multiplying the sums.
            var lSum = new MultiScalarSum(table);
            gBold.AddTerms(half, a1Weights, InverseOfEight, lSum);
            hBold.AddTerms(0, bVector.AsSpan(half), InverseOfEight, lSum);
            lSum.AddFixed(cL * InverseOfEight, BulletproofPlusGenerators.ValueGeneratorIndex);
            lSum.AddFixed(dL * InverseOfEight, BulletproofPlusGenerators.MaskGeneratorIndex);
            var rSum = new MultiScalarSum(table);
            gBold.AddTerms(0, a2Weights, InverseOfEight, rSum);
            hBold.AddTerms(half, bVector.AsSpan(0, half), InverseOfEight, rSum);
            rSum.AddFixed(cR * InverseOfEight, BulletproofPlusGenerators.ValueGeneratorIndex);
            rSum.AddFixed(dR * InverseOfEight, BulletproofPlusGenerators.MaskGeneratorIndex);
            var roundL = lSum.Compute().ToEdwardsPoint();
            var roundR = rSum.Compute().ToEdwardsPoint();
            l.Add(roundL);
            r.Add(roundR);

            // G' = e⁻¹·G1 + e·y^(−n̂)·G2, H' = e·H1 + e⁻¹·H2, a' = e·a1 + y^n̂·e⁻¹·a2, b' = e⁻¹·b1 + e·b2.
            var e = transcript.Challenge(roundL, roundR);
            var eInverse = MoneroScalars.Group.InvertPublic(e);
            gBold.Fold(eInverse, e * yHalfInverse);
            hBold.Fold(e, eInverse);
            var yHalfEInverse = yHalf * eInverse;
            var nextA = new Scalar[half];
            var nextB = new Scalar[half];
            for (var i = 0; i < half; i++)
            {
                nextA[i] = (aVector[i] * e) + (aVector[half + i] * yHalfEInverse);
                nextB[i] = (bVector[i] * eInverse) + (bVector[half + i] * e);
            }

            alpha += (dL * e * e) + (dR * eInverse * eInverse);
            aVector = nextA;
            bVector = nextB;
            n = half;
        }

        var y = challenges.Y;
        var rNonce = random();
        var sNonce = random();
        var delta = random();
        var eta = random();
        var ry = rNonce * y;
        var a1Sum = new MultiScalarSum(table);
        gBold.AddTerms(0, [rNonce], InverseOfEight, a1Sum);
        hBold.AddTerms(0, [sNonce], InverseOfEight, a1Sum);
        a1Sum.AddFixed(((ry * bVector[0]) + (sNonce * y * aVector[0])) * InverseOfEight, BulletproofPlusGenerators.ValueGeneratorIndex);
        var a1 = a1Sum.Compute().ToEdwardsPoint() + EdwardsPoint.MultiplyBase(delta * InverseOfEight);
        var b = MoneroGenerators.H.Multiply(ry * sNonce * InverseOfEight) + EdwardsPoint.MultiplyBase(eta * InverseOfEight);

        var finalChallenge = transcript.Challenge(a1, b);
        var r1 = rNonce + (aVector[0] * finalChallenge);
        var s1 = sNonce + (bVector[0] * finalChallenge);
        var d1 = eta + (delta * finalChallenge) + (alpha * finalChallenge * finalChallenge);
        return new BulletproofPlus(
            RctKey.From(a), RctKey.From(a1), RctKey.From(b), RctKey.From(r1), RctKey.From(s1), RctKey.From(d1), [.. l.Select(RctKey.From)], [.. r.Select(RctKey.From)]);
    }

    /// <summary>
    /// V/8 = (γ/8)·G + (v/8)·H for the transcript: two constant-time multiplications, where the commitment and then its
    /// eighth would take three.
    /// </summary>
    private static EdwardsPoint TransmittedCommitment(CommitmentOpening opening)
    {
        using var amount = MoneroScalars.FromUInt64(opening.Amount);
        using var amountEighth = amount * InverseOfEight;
        using var maskEighth = opening.Mask * InverseOfEight;
        return EdwardsPoint.MultiplyBase(maskEighth) + MoneroGenerators.H.Multiply(amountEighth);
    }

    /// <summary>P·(1/8), the form in which proofs carry points (the verifier multiplies by 8 to clear any torsion).</summary>
    private static EdwardsPoint ToTransmitted(EdwardsPoint point) => point.Multiply(InverseOfEight);
}
