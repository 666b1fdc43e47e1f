using Processor.Monero.Serialization;

namespace Processor.Monero.Tests.Serialization;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, "00")]
    [InlineData(127UL, "7f")]
    [InlineData(128UL, "8001")]
    [InlineData(300UL, "ac02")]
    [InlineData(ulong.MaxValue, "ffffffffffffffffff01")]
    public void Value_EncodesAndDecodes(ulong value, string hex)
    {
        Assert.Equal(hex, Convert.ToHexStringLower(Varint.Encode(value)));
        Assert.Equal(hex.Length / 2, Varint.Length(value));
        Assert.Equal(hex.Length / 2, Varint.Read(Convert.FromHexString(hex), out var decoded));
        Assert.Equal(value, decoded);
    }

    [Theory]
    [InlineData("", "Truncated")]
    [InlineData("80", "Truncated")]
    [InlineData("8000", "non-canonical")]
    [InlineData("ffffffffffffffffff02", "exceeds 64 bits")]
    [InlineData("ffffffffffffffffff8101", "exceeds 64 bits")]
    public void BadEncoding_IsRefusedWithItsReason(string hex, string reason)
    {
        var error = Assert.Throws<MoneroFormatException>(() => Varint.Read(Convert.FromHexString(hex), out _, "test value"));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("test value", error.Message, StringComparison.Ordinal);
    }
}
