using Processor.Monero.RingCt;

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

        Assert.True(tx.Proof.Verify(tx.OutputCommitments));
    }

    [Theory]
    [MemberData(nameof(Transactions))]
    public void Serialization_EqualsTheTransactionsBytes(string name)
    {
        var tx = Load(name);
        var bytes = tx.Proof.ToBytes();

        Assert.Equal(1, tx.Bytes[tx.ProofOffset - 1]);
        Assert.Equal(Convert.ToHexStringLower(tx.Bytes.AsSpan(tx.ProofOffset, bytes.Length)), Convert.ToHexStringLower(bytes));
        Assert.Equal(bytes, BulletproofPlus.FromBytes(bytes).ToBytes());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(32 * 3)]
    [InlineData((32 * 5) + 7)]
    [InlineData((32 * 6) + 1 + 40)]
    public void FlippedByte_FailsVerification(int offset)
    {
        // Offsets: A, r1, d1, and a byte inside L[1] (after the L count).
        var tx = RingCtVectors.MainnetType6;
        var bytes = tx.Proof.ToBytes();
        bytes[offset] ^= 0x02;

        Assert.False(TryParse(bytes) is { } proof && proof.Verify(tx.OutputCommitments));
    }

    [Fact]
    public void SwappedCommitments_FailVerification()
    {
        var tx = RingCtVectors.MainnetType6;
        var swapped = tx.OutputCommitments.ToArray();
        (swapped[0], swapped[1]) = (swapped[1], swapped[0]);

        Assert.False(tx.Proof.Verify(swapped));
    }

    [Fact]
    public void WrongNumberOfCommitments_FailsVerification()
    {
        var tx = RingCtVectors.MainnetType6;

        Assert.False(tx.Proof.Verify([.. tx.OutputCommitments.Take(2)]));
        Assert.False(tx.Proof.Verify([.. tx.OutputCommitments, .. tx.OutputCommitments]));
        Assert.False(tx.Proof.Verify([]));
    }

    [Fact]
    public void TooManyRounds_IsRefusedWhenRead()
    {
        var bytes = RingCtVectors.MainnetType6.Proof.ToBytes();
        bytes[32 * 6] = 11;

        Assert.ThrowsAny<FormatException>(() => BulletproofPlus.FromBytes(bytes));
    }

    private static RingCtVectors Load(string name) => name == "clsag_tx" ? RingCtVectors.ClsagTransaction : RingCtVectors.MainnetType6;

    /// <summary>A flipped byte may also make a point or scalar undecodable, which refuses the proof as well.</summary>
    private static BulletproofPlus? TryParse(byte[] bytes)
    {
        try
        {
            return BulletproofPlus.FromBytes(bytes);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
