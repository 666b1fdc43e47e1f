using Processor.Monero.Crypto;
using Processor.Monero.RingCt;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The CLSAGs of the real 2-input, ring-16 transaction <c>serai-clsag_tx.json</c>, with its rings.</summary>
public sealed class ClsagVectorTests
{
    private static readonly RingCtVectors Tx = RingCtVectors.ClsagTransaction;

    [Fact]
    public void MessageSlicing_ReproducesTheMainnetSignatureHash()
    {
        var mainnet = RingCtVectors.MainnetType6;

        Assert.Equal(mainnet.ExpectedSignatureHash, Convert.ToHexStringLower(mainnet.SignatureHash()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void RealInput_Verifies(int input)
    {
        var rings = RingCtVectors.ClsagRings();

        Assert.True(Tx.Clsags[input].Verify(rings[input], Tx.KeyImages[input], Tx.PseudoOuts[input], Tx.SignatureHash()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void FlippedBitInAResponse_FailsVerification(int input)
    {
        var clsag = Tx.Clsags[input];
        var bytes = clsag.ToBytes();
        bytes[0] ^= 0x01;
        var flipped = Clsag.FromBytes(bytes, clsag.Responses.Count);

        Assert.False(flipped.Verify(RingCtVectors.ClsagRings()[input], Tx.KeyImages[input], Tx.PseudoOuts[input], Tx.SignatureHash()));
    }

    [Fact]
    public void FlippedBitInC1_FailsVerification()
    {
        var clsag = Tx.Clsags[0];
        var bytes = clsag.ToBytes();
        bytes[(32 * clsag.Responses.Count) + 5] ^= 0x10;
        var flipped = Clsag.FromBytes(bytes, clsag.Responses.Count);

        Assert.False(flipped.Verify(RingCtVectors.ClsagRings()[0], Tx.KeyImages[0], Tx.PseudoOuts[0], Tx.SignatureHash()));
    }

    [Fact]
    public void OtherInputsRingOrKeyImage_FailsVerification()
    {
        var rings = RingCtVectors.ClsagRings();
        var message = Tx.SignatureHash();

        Assert.False(Tx.Clsags[0].Verify(rings[1], Tx.KeyImages[0], Tx.PseudoOuts[0], message));
        Assert.False(Tx.Clsags[0].Verify(rings[0], Tx.KeyImages[1], Tx.PseudoOuts[0], message));
        Assert.False(Tx.Clsags[0].Verify(rings[0], Tx.KeyImages[0], Tx.PseudoOuts[1], message));
    }

    [Fact]
    public void OtherMessage_FailsVerification()
    {
        var message = Tx.SignatureHash();
        message[31] ^= 0x80;

        Assert.False(Tx.Clsags[0].Verify(RingCtVectors.ClsagRings()[0], Tx.KeyImages[0], Tx.PseudoOuts[0], message));
    }

    [Fact]
    public void Serialization_EqualsTheTransactionsBytes()
    {
        // The prunable part is nbp, the proof, the CLSAGs in input order, then the pseudo-outs.
        var offset = Tx.ProofOffset + Tx.Proof.ToBytes().Length;
        foreach (var clsag in Tx.Clsags)
        {
            var bytes = clsag.ToBytes();
            Assert.Equal(Convert.ToHexStringLower(Tx.Bytes.AsSpan(offset, bytes.Length)), Convert.ToHexStringLower(bytes));
            Assert.Equal(bytes, Clsag.FromBytes(bytes, clsag.Responses.Count).ToBytes());
            offset += bytes.Length;
        }

        Assert.Equal(Tx.PseudoOuts[0].ToArray(), Tx.Bytes.AsSpan(offset, 32).ToArray());
    }

    [Fact]
    public void NonCanonicalResponse_IsRefusedWhenRead()
    {
        var bytes = Tx.Clsags[0].ToBytes();
        bytes.AsSpan(0, 32).Fill(0xFF);

        var error = Assert.ThrowsAny<FormatException>(() => Clsag.FromBytes(bytes, 16));
        Assert.Contains("s[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TorsionedKeyImage_FailsVerification()
    {
        // 26e8…fc05 is a point of order 8: adding it keeps the encoding valid but puts the image outside the subgroup.
        var torsion = EdwardsPoint.FromHex("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05");
        var image = Tx.KeyImages[0] + torsion;

        Assert.False(Tx.Clsags[0].Verify(RingCtVectors.ClsagRings()[0], image, Tx.PseudoOuts[0], Tx.SignatureHash()));
    }
}
