using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>
/// The values prover and verifier both derive from the challenges y and z of an aggregate range proof over
/// <see cref="PaddedCount"/> commitments (layout in README.md): powers of y, the even powers of z, and the vector
/// d·y^(N−i) + z that weights Hbold in Â.
/// </summary>
internal sealed class BulletproofPlusChallenges
{
    public BulletproofPlusChallenges(Scalar y, Scalar z, int paddedCount)
    {
        Y = y;
        Z = z;
        PaddedCount = paddedCount;
        var n = Length;

        var yPowers = new Scalar[n + 2];
        yPowers[0] = One;
        for (var k = 1; k < yPowers.Length; k++)
        {
            yPowers[k] = yPowers[k - 1] * y;
        }

        YPowers = yPowers;

        var zSquared = z * z;
        var zEven = new Scalar[paddedCount];
        zEven[0] = zSquared;
        for (var j = 1; j < paddedCount; j++)
        {
            zEven[j] = zEven[j - 1] * zSquared;
        }

        ZEvenPowers = zEven;

        var hWeights = new Scalar[n];
        for (var i = 0; i < n; i++)
        {
            var d = zEven[i / BulletproofPlusGenerators.CommitmentBits] * PowersOfTwo[i % BulletproofPlusGenerators.CommitmentBits];
            hWeights[i] = (d * yPowers[n - i]) + z;
        }

        HBoldWeights = hWeights;
    }

    public static Scalar One { get; } = MoneroScalars.FromUInt64(1);

    public static Scalar Zero { get; } = MoneroScalars.FromUInt64(0);

    public Scalar Y { get; }

    public Scalar Z { get; }

    /// <summary>The number of commitments rounded up to a power of two.</summary>
    public int PaddedCount { get; }

    /// <summary>N = 64 · <see cref="PaddedCount"/>, the length of the generator vectors used.</summary>
    public int Length => PaddedCount * BulletproofPlusGenerators.CommitmentBits;

    /// <summary>y^0 … y^(N+1).</summary>
    public IReadOnlyList<Scalar> YPowers { get; }

    /// <summary>z^2, z^4, … z^(2·PaddedCount): the weight of commitment j is z^(2(j+1)).</summary>
    public IReadOnlyList<Scalar> ZEvenPowers { get; }

    /// <summary>d_i·y^(N−i) + z with d_i = z^(2(j+1))·2^(i mod 64) for i in commitment j's block.</summary>
    public IReadOnlyList<Scalar> HBoldWeights { get; }

    /// <summary>The scalar of H in Â: z·Σŷ − z²·Σŷ − y^(N+1)·z·Σd, with Σŷ = y + … + y^N.</summary>
    public Scalar ValueGeneratorWeight()
    {
        var sumY = Zero;
        for (var k = 1; k <= Length; k++)
        {
            sumY += YPowers[k];
        }

        var sumD = Zero;
        foreach (var zEven in ZEvenPowers)
        {
            sumD += zEven;
        }

        // Σd = Σ_j z^(2(j+1)) · (2^64 − 1).
        sumD *= MoneroScalars.FromUInt64(ulong.MaxValue);
        return (Z * sumY) - (Z * Z * sumY) - (YPowers[Length + 1] * Z * sumD);
    }

    /// <summary>The number of commitments padded to a power of two, or 0 when the count is out of range.</summary>
    public static int Pad(int count)
    {
        if (count is < 1 or > BulletproofPlusGenerators.MaxCommitments)
        {
            return 0;
        }

        var padded = 1;
        while (padded < count)
        {
            padded <<= 1;
        }

        return padded;
    }

    private static Scalar[] PowersOfTwo { get; } = Enumerable.Range(0, 64).Select(i => MoneroScalars.FromUInt64(1UL << i)).ToArray();
}
