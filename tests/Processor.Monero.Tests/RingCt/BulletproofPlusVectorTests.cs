using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The Bulletproofs+ of two real type-6 transactions, verified against their outPk commitments.</summary>
public sealed class BulletproofPlusVectorTests
{
    public static TheoryData<string> Transactions => ["clsag_tx", "mainnet 2f650db5"];

    [Theory]
    [MemberData(nameof(Transactions))]
    public void RealProof_VerifiesAgainstOutPk(string name)
    {
        var tx = Load(name);

        Assert.True(BulletproofPlusVerifier.Verify(tx.Proof, tx.OutputCommitments));
    }

    [Fact]
    public void FlippedByteInA_FailsVerification()
    {
        var tx = RingCtVectors.MainnetType6;

        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof with { A = RingCtVectors.Flip(tx.Proof.A, 0, 0x02) }, tx.OutputCommitments));
    }

    [Fact]
    public void FlippedByteInAResponse_FailsVerification()
    {
        var tx = RingCtVectors.MainnetType6;

        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof with { R1 = RingCtVectors.Flip(tx.Proof.R1, 0, 0x02) }, tx.OutputCommitments));
        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof with { D1 = RingCtVectors.Flip(tx.Proof.D1, 7, 0x02) }, tx.OutputCommitments));
    }

    [Fact]
    public void FlippedByteInARoundPoint_FailsVerification()
    {
        var tx = RingCtVectors.ClsagTransaction;
        var l = tx.Proof.L.ToArray();
        l[1] = RingCtVectors.Flip(l[1], 8, 0x02);

        Assert.False(BulletproofPlusVerifier.Verify(WithRounds(tx.Proof, l, tx.Proof.R), tx.OutputCommitments));
    }

    [Fact]
    public void SwappedCommitments_FailVerification()
    {
        var tx = RingCtVectors.MainnetType6;
        var swapped = tx.OutputCommitments.ToArray();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);

        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof, swapped));
    }

    [Fact]
    public void WrongNumberOfCommitments_FailsVerification()
    {
        var tx = RingCtVectors.MainnetType6;

        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof, [.. tx.OutputCommitments.Take(2)]));
        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof, [.. tx.OutputCommitments, .. tx.OutputCommitments]));
        Assert.False(BulletproofPlusVerifier.Verify(tx.Proof, []));
    }

    [Fact]
    public void MissingRound_FailsVerification()
    {
        var tx = RingCtVectors.MainnetType6;

        Assert.False(BulletproofPlusVerifier.Verify(WithRounds(tx.Proof, [.. tx.Proof.L.Skip(1)], [.. tx.Proof.R.Skip(1)]), tx.OutputCommitments));
    }

    private static BulletproofPlus WithRounds(BulletproofPlus proof, IReadOnlyList<RctKey> l, IReadOnlyList<RctKey> r) =>
        new(proof.A, proof.A1, proof.B, proof.R1, proof.S1, proof.D1, l, r);

    private static RingCtVectors Load(string name) => name == "clsag_tx" ? RingCtVectors.ClsagTransaction : RingCtVectors.MainnetType6;
}
