using System.Numerics;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.RingCt;

/// <summary>Bulletproofs+ made here verify against their commitments, and only those.</summary>
public sealed class BulletproofPlusProvingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(16)]
    public void ProofOfRandomAmounts_Verifies(int count)
    {
        var openings = Enumerable.Range(0, count).Select(_ => new CommitmentOpening(Random(), (ulong)System.Security.Cryptography.RandomNumberGenerator.GetInt32(int.MaxValue) * 4_000_000_000UL)).ToArray();

        var proof = BulletproofPlus.Prove(openings, ClsagSigner.SystemRandom);

        Assert.Equal(BulletproofPlusRounds(count), proof.L.Count);
        Assert.True(proof.Verify([.. openings.Select(o => o.Commitment)]));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(ulong.MaxValue)]
    public void ProofOfAnExtremeAmount_Verifies(ulong amount)
    {
        var openings = new[] { new CommitmentOpening(Random(), amount), new CommitmentOpening(Random(), 1) };

        var proof = BulletproofPlus.Prove(openings, ClsagSigner.SystemRandom);

        Assert.True(proof.Verify([.. openings.Select(o => o.Commitment)]));
    }

    [Fact]
    public void CommitmentToTwoToThe64_IsRefused()
    {
        // Amounts are ulong, so 2^64 cannot be proven; a prover that truncates it to 64 bits proves 0, which the
        // verifier refuses for the commitment to 2^64.
        var mask = Random();
        var twoToThe64 = MoneroScalars.Group.ScalarFromInteger(BigInteger.One << 64);
        var commitment = EdwardsPoint.MultiplyBase(mask) + MoneroGenerators.H.Multiply(twoToThe64);

        var proof = BulletproofPlus.Prove([new CommitmentOpening(mask, 0)], ClsagSigner.SystemRandom);

        Assert.False(proof.Verify([commitment]));
    }

    [Fact]
    public void WrongCommitment_FailsVerification()
    {
        var openings = new[] { new CommitmentOpening(Random(), 10), new CommitmentOpening(Random(), 20) };
        var proof = BulletproofPlus.Prove(openings, ClsagSigner.SystemRandom);

        Assert.False(proof.Verify([openings[0].Commitment, PedersenCommitment.Commit(openings[1].Mask, 21)]));
        Assert.False(proof.Verify([openings[1].Commitment, openings[0].Commitment]));
    }

    [Fact]
    public void SerializedProof_ParsesAndVerifies()
    {
        var openings = new[] { new CommitmentOpening(Random(), 123), new CommitmentOpening(Random(), 456), new CommitmentOpening(Random(), 789) };
        var proof = BulletproofPlus.Prove(openings, ClsagSigner.SystemRandom);

        var parsed = BulletproofPlus.FromBytes(proof.ToBytes());

        Assert.Equal(proof.ToBytes(), parsed.ToBytes());
        Assert.True(parsed.Verify([.. openings.Select(o => o.Commitment)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void OutOfRangeNumberOfAmounts_IsRefused(int count)
    {
        var openings = Enumerable.Range(0, count).Select(_ => new CommitmentOpening(Random(), 1)).ToArray();

        var error = Assert.Throws<ArgumentException>(() => BulletproofPlus.Prove(openings, ClsagSigner.SystemRandom));

        Assert.Contains("1 to 16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>log2(64 · count padded to a power of two).</summary>
    private static int BulletproofPlusRounds(int count) => 6 + (int)Math.Ceiling(Math.Log2(count));

    private static Scalar Random() => MoneroScalars.Group.RandomScalar();
}
