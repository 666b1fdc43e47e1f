using System.Numerics;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

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

        var proof = BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom);

        Assert.Equal(BulletproofPlusRounds(count), proof.L.Count);
        Assert.True(BulletproofPlusVerifier.Verify(proof, [.. openings.Select(o => o.Commitment)]));
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(ulong.MaxValue)]
    public void ProofOfAnExtremeAmount_Verifies(ulong amount)
    {
        var openings = new[] { new CommitmentOpening(Random(), amount), new CommitmentOpening(Random(), 1) };

        var proof = BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom);

        Assert.True(BulletproofPlusVerifier.Verify(proof, [.. openings.Select(o => o.Commitment)]));
    }

    [Fact]
    public void CommitmentToTwoToThe64_IsRefused()
    {
        // Amounts are ulong, so 2^64 cannot be proven; a prover that truncates it to 64 bits proves 0, which the
        // verifier refuses for the commitment to 2^64.
        var mask = Random();
        var twoToThe64 = MoneroScalars.Group.ScalarFromInteger(BigInteger.One << 64);
        var commitment = EdwardsPoint.MultiplyBase(mask) + MoneroGenerators.H.Multiply(twoToThe64);

        var proof = BulletproofPlusProver.Prove([new CommitmentOpening(mask, 0)], ClsagSigner.SystemRandom);

        Assert.False(BulletproofPlusVerifier.Verify(proof, [commitment]));
    }

    [Fact]
    public void WrongCommitment_FailsVerification()
    {
        var openings = new[] { new CommitmentOpening(Random(), 10), new CommitmentOpening(Random(), 20) };
        var proof = BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom);

        Assert.False(BulletproofPlusVerifier.Verify(proof, [openings[0].Commitment, PedersenCommitment.Commit(openings[1].Mask, 21)]));
        Assert.False(BulletproofPlusVerifier.Verify(proof, [openings[1].Commitment, openings[0].Commitment]));
    }

    [Fact]
    public void ProofInATransaction_RoundTripsAndVerifies()
    {
        // The proof and commitments stored as a type-6 transaction's prunable part and base, parsed back by the library.
        var template = RingCtVectors.ClsagTransaction.Transaction;
        var openings = new[] { new CommitmentOpening(Random(), 123), new CommitmentOpening(Random(), 456) };
        var proof = BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom);
        var rctBase = template.RctBase! with { OutputCommitments = [.. openings.Select(o => RctKey.From(o.Commitment))] };
        var built = MoneroTransaction.CreateV2(template.Prefix, rctBase, template.Prunable! with { RangeProofs = [proof] });

        var parsed = MoneroTransaction.Parse(built.Serialize());

        var parsedProof = (BulletproofPlus)parsed.Prunable!.RangeProofs.Single();
        Assert.True(BulletproofPlusVerifier.Verify(parsedProof, [.. parsed.RctBase!.OutputCommitments.Select(k => k.ToPoint())]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(17)]
    public void OutOfRangeNumberOfAmounts_IsRefused(int count)
    {
        var openings = Enumerable.Range(0, count).Select(_ => new CommitmentOpening(Random(), 1)).ToArray();

        var error = Assert.Throws<ArgumentException>(() => BulletproofPlusProver.Prove(openings, ClsagSigner.SystemRandom));

        Assert.Contains("1 to 16", error.Message, StringComparison.Ordinal);
    }

    /// <summary>log2(64 · count padded to a power of two).</summary>
    private static int BulletproofPlusRounds(int count) => 6 + (int)Math.Ceiling(Math.Log2(count));

    private static Scalar Random() => MoneroScalars.Group.RandomScalar();
}
