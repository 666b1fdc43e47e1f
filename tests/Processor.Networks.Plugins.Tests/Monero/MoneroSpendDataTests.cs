using Processor.Monero.Crypto;
using Processor.Monero.Sending;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>A Monero output's spend data: what the scanner writes, a plan reads back whole; anything else is refused.</summary>
public sealed class MoneroSpendDataTests
{
    [Fact]
    public void EncodedOutput_DecodesToTheSameOutput()
    {
        var output = Output();

        var encoded = MoneroSpendData.Encode(output);
        var decoded = MoneroSpendData.Decode(encoded);

        Assert.Equal(MoneroSpendData.Length, encoded.Length);
        Assert.Equal(MoneroSpendData.Version, encoded[0]);
        Assert.Equal(output.Key, decoded.Key);
        Assert.Equal((output.GlobalIndex, output.Amount), (decoded.GlobalIndex, decoded.Amount));
        Assert.Equal(output.CommitmentMask.Serialize(), decoded.CommitmentMask.Serialize());
        Assert.Equal(output.KeyOffset.Serialize(), decoded.KeyOffset.Serialize());
        Assert.Equal(output.Commitment, decoded.Commitment);
    }

    [Fact]
    public void EmptyBytes_AsBitcoinOutputsCarry_AreRefused() =>
        Assert.Contains("113 bytes", Assert.Throws<FormatException>(() => MoneroSpendData.Decode([])).Message, StringComparison.Ordinal);

    [Fact]
    public void OtherVersion_IsRefused()
    {
        var encoded = MoneroSpendData.Encode(Output());
        encoded[0] = 2;

        Assert.Throws<FormatException>(() => MoneroSpendData.Decode(encoded));
    }

    [Fact]
    public void KeyWithTorsion_OrNonCanonicalScalar_IsRefused()
    {
        var torsion = MoneroSpendData.Encode(Output());
        // The point of order 2 (y = −1) added to nothing: a small-order key no output can have.
        Convert.FromHexString("ECFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F").CopyTo(torsion, 1);
        var nonCanonical = MoneroSpendData.Encode(Output());
        Enumerable.Repeat((byte)0xFF, 32).ToArray().CopyTo(nonCanonical, 49);

        Assert.Throws<FormatException>(() => MoneroSpendData.Decode(torsion));
        Assert.Throws<FormatException>(() => MoneroSpendData.Decode(nonCanonical));
    }

    private static SpendableOutput Output()
    {
        var offset = MoneroHash.HashToScalar("spend data offset"u8.ToArray());
        var mask = MoneroHash.HashToScalar("spend data mask"u8.ToArray());
        var key = EdwardsPoint.Decode(MoneroNetworkKeyTests.NewGroupKey()) + EdwardsPoint.MultiplyBase(offset);
        return new SpendableOutput(key, 123_456_789_012, 2_500_000_000_000, mask, offset);
    }
}
