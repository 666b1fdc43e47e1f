using System.Text;
using Processor.Crypto.Hashing;

namespace Processor.Crypto.Tests.Hashing;

public sealed class ExpandMessageXmdTests
{
    private const string Domain = "QUUX-V01-CS02-with-expander-SHA256-128";

    /// <summary>RFC 9380 Appendix K.1 (expand_message_xmd, SHA-256): message, output length, uniform bytes.</summary>
    public static TheoryData<string, int, string> Rfc9380Vectors() => new()
    {
        { "", 0x20, "68a985b87eb6b46952128911f2a4412bbc302a9d759667f87f7a21d803f07235" },
        { "abc", 0x20, "d8ccab23b5985ccea865c6c97b6e5b8350e794e603b4b97902f53a8a0d605615" },
        { "abcdef0123456789", 0x20, "eff31487c770a893cfb36f912fbfcbff40d5661771ca4b2cb4eafe524333f5c1" },
        {
            "", 0x80,
            "af84c27ccfd45d41914fdff5df25293e221afc53d8ad2ac06d5e3e29485dadbee0d121587713a3e0dd4d5e69e93eb7cd4f5df4cd103e188cf60cb02edc3edf18"
            + "eda8576c412b18ffb658e3dd6ec849469b979d444cf7b26911a08e63cf31f9dcc541708d3491184472c2c29bb749d4286b004ceb5ee6b9a7fa5b646c993f0ced"
        },
        {
            "abc", 0x80,
            "abba86a6129e366fc877aab32fc4ffc70120d8996c88aee2fe4b32d6c7b6437a647e6c3163d40b76a73cf6a5674ef1d890f95b664ee0afa5359a5c4e07985635"
            + "bbecbac65d747d3d2da7ec2b8221b17b0ca9dc8a1ac1c07ea6a1e60583e2cb00058e77b7b72a298425cd1b941ad4ec65e8afc50303a22c0f99b0509b4c895f40"
        },
    };

    [Theory]
    [MemberData(nameof(Rfc9380Vectors))]
    public void Rfc9380Vector_IsReproduced(string message, int length, string expected)
    {
        var uniform = ExpandMessageXmd.Sha256(Encoding.ASCII.GetBytes(message), Encoding.ASCII.GetBytes(Domain), length);

        Assert.Equal(expected, Convert.ToHexStringLower(uniform));
    }

    [Theory]
    [InlineData(256 * 32)]
    [InlineData(ushort.MaxValue + 1)]
    public void OutputLongerThan255Blocks_IsRefused(int length) =>
        Assert.Throws<ArgumentException>(() => ExpandMessageXmd.Sha256("abc"u8, Encoding.ASCII.GetBytes(Domain), length));

    [Fact]
    public void DomainLongerThan255Bytes_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ExpandMessageXmd.Sha256("abc"u8, new byte[256], 32));
}
