using Processor.Crypto.Groups;
using Processor.Monero.Multisig;

namespace Processor.Monero.Tests.Multisig;

/// <summary>Threshold CLSAG messages round-trip through their wire form, and malformed bytes are refused with the reason.</summary>
public sealed class ClsagWireTests : IDisposable
{
    private readonly MultisigKeys _keys = MultisigKeys.Deal(2, 3);

    [Fact]
    public void Preprocess_RoundTripsThroughItsWireForm()
    {
        using var signer = new ThresholdClsagSigner(_keys.Shares[2], MultisigKeys.NewInput(_keys.PublicKey, 0, 1));
        var bytes = signer.Preprocess.Serialize();

        var parsed = ClsagPreprocess.Deserialize(bytes);

        Assert.Equal(ClsagPreprocess.Length, bytes.Length);
        Assert.Equal(2, parsed.Participant);
        Assert.Equal(bytes, parsed.Serialize());
    }

    [Fact]
    public void Share_RoundTripsThroughItsWireForm()
    {
        var share = new ClsagShare(3, Ed25519Group.Instance.RandomScalar());

        var parsed = ClsagShare.Deserialize(share.Serialize());

        Assert.Equal(3, parsed.Participant);
        Assert.True(parsed.Response.EqualsConstantTime(share.Response));
    }

    [Theory]
    [InlineData(-1, "is 354 bytes, got 353")]
    [InlineData(1, "is 354 bytes, got 355")]
    public void PreprocessOfTheWrongLength_IsRefused(int lengthChange, string reason)
    {
        var bytes = ValidPreprocess();
        Array.Resize(ref bytes, bytes.Length + lengthChange);

        var error = Assert.Throws<FormatException>(() => ClsagPreprocess.Deserialize(bytes));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreprocessFromParticipantZero_IsRefused()
    {
        var bytes = ValidPreprocess();
        bytes[0] = bytes[1] = 0;

        var error = Assert.Throws<FormatException>(() => ClsagPreprocess.Deserialize(bytes));

        Assert.Contains("participant 0", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "hiding nonce commitment on G")]
    [InlineData(2 + 32, "hiding nonce commitment on Hp(P)")]
    [InlineData(2 + 128, "binding nonce commitment on G")]
    [InlineData(2 + 256, "key-image share")]
    public void PreprocessWithATorsionedPoint_IsRefusedNamingThePoint(int offset, string what)
    {
        var bytes = ValidPreprocess();
        // A point of order 8 (torsion only): a valid curve point outside the prime-order subgroup.
        Convert.FromHexString("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a").CopyTo(bytes, offset);

        var error = Assert.Throws<FormatException>(() => ClsagPreprocess.Deserialize(bytes));

        Assert.Contains(what, error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("prime-order subgroup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PreprocessWithBytesThatAreNoPoint_IsRefused()
    {
        var bytes = ValidPreprocess();
        bytes.AsSpan(2 + 256, 32).Fill(0xFF);

        var error = Assert.Throws<FormatException>(() => ClsagPreprocess.Deserialize(bytes));

        Assert.Contains("key-image share", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void ShareWithANonCanonicalScalar_IsRefused()
    {
        var bytes = new byte[ClsagShare.Length];
        bytes[1] = 2;
        bytes.AsSpan(2).Fill(0xFF);

        var error = Assert.Throws<FormatException>(() => ClsagShare.Deserialize(bytes));

        Assert.Contains("Participant 2's share is not a canonical", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(35)]
    public void ShareOfTheWrongLength_IsRefused(int length)
    {
        var error = Assert.Throws<FormatException>(() => ClsagShare.Deserialize(new byte[length]));

        Assert.Contains($"is 34 bytes, got {length}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShareFromParticipantZero_IsRefused()
    {
        var bytes = new ClsagShare(1, Ed25519Group.Instance.RandomScalar()).Serialize();
        bytes[1] = 0;

        var error = Assert.Throws<FormatException>(() => ClsagShare.Deserialize(bytes));

        Assert.Contains("participant 0", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _keys.Dispose();

    private byte[] ValidPreprocess()
    {
        using var signer = new ThresholdClsagSigner(_keys.Shares[1], MultisigKeys.NewInput(_keys.PublicKey, 0, 1));
        return signer.Preprocess.Serialize();
    }
}
