using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Transactions;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The CLSAGs of the real 2-input, ring-16 transaction <c>serai-clsag_tx.json</c>, with its rings.</summary>
public sealed class ClsagVectorTests
{
    private static readonly RingCtVectors Tx = RingCtVectors.ClsagTransaction;

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void RealInput_Verifies(int input) =>
        Assert.True(Verify(Tx.Clsags[input], input));

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FlippedBitInAResponse_FailsVerification(int input)
    {
        var clsag = Tx.Clsags[input];
        var flipped = clsag with { S = [RingCtVectors.Flip(clsag.S[0], 0, 0x01), .. clsag.S.Skip(1)] };

        Assert.False(Verify(flipped, input));
    }

    [Fact]
    public void FlippedBitInC1_FailsVerification()
    {
        var clsag = Tx.Clsags[0];

        Assert.False(Verify(clsag with { C1 = RingCtVectors.Flip(clsag.C1, 5, 0x10) }, 0));
    }

    [Fact]
    public void FlippedBitInD_FailsVerification()
    {
        var clsag = Tx.Clsags[1];

        // Either D stops being a point or it is another point: both fail.
        Assert.False(Verify(clsag with { D = RingCtVectors.Flip(clsag.D, 3, 0x04) }, 1));
    }

    [Fact]
    public void OtherInputsRingKeyImageOrPseudoOut_FailsVerification()
    {
        var rings = RingCtVectors.ClsagRings();

        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], rings[1], Tx.KeyImages[0], Tx.PseudoOuts[0], Tx.SignatureHash));
        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], rings[0], Tx.KeyImages[1], Tx.PseudoOuts[0], Tx.SignatureHash));
        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], rings[0], Tx.KeyImages[0], Tx.PseudoOuts[1], Tx.SignatureHash));
    }

    [Fact]
    public void OtherMessage_FailsVerification()
    {
        var message = (byte[])Tx.SignatureHash.Clone();
        message[31] ^= 0x80;

        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], RingCtVectors.ClsagRings()[0], Tx.KeyImages[0], Tx.PseudoOuts[0], message));
    }

    [Fact]
    public void NonCanonicalResponse_FailsVerification()
    {
        var clsag = Tx.Clsags[0];
        var overOrder = new RctKey(Convert.FromHexString("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0f"));

        Assert.False(Verify(clsag with { S = [overOrder, .. clsag.S.Skip(1)] }, 0));
    }

    [Fact]
    public void RingOfAnotherSize_FailsVerification() =>
        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], [.. RingCtVectors.ClsagRings()[0].Take(15)], Tx.KeyImages[0], Tx.PseudoOuts[0], Tx.SignatureHash));

    [Fact]
    public void TorsionedKeyImage_FailsVerification()
    {
        // 26e8…fc05 is a point of order 8: adding it keeps the encoding valid but puts the image outside the subgroup.
        var torsion = EdwardsPoint.FromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");

        Assert.False(ClsagVerifier.Verify(Tx.Clsags[0], RingCtVectors.ClsagRings()[0], Tx.KeyImages[0] + torsion, Tx.PseudoOuts[0], Tx.SignatureHash));
    }

    [Fact]
    public void MessageOfAnotherLength_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ClsagVerifier.Verify(Tx.Clsags[0], RingCtVectors.ClsagRings()[0], Tx.KeyImages[0], Tx.PseudoOuts[0], new byte[31]));

        Assert.Contains("32 bytes", error.Message, StringComparison.Ordinal);
    }

    private static bool Verify(Clsag clsag, int input) =>
        ClsagVerifier.Verify(clsag, RingCtVectors.ClsagRings()[input], Tx.KeyImages[input], Tx.PseudoOuts[input], Tx.SignatureHash);
}
