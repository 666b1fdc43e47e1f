using Processor.Crypto.Hashing;

namespace Processor.Crypto.Tests.Hashing;

/// <summary>BLAKE2b-512 against RFC 7693's Appendix A example and the well-known digest of the empty input.</summary>
public sealed class Blake2bTests
{
    [Theory]
    [InlineData("", "786a02f742015903c6c6fd852552d272912f4740e15847618a86e217f71f5419d25e1031afee585313896444934eb04b903a685b1448b755d56f701afe9be2ce")]
    [InlineData("abc", "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923")]
    public void Hash512_MatchesTheKnownDigest(string input, string digestHex)
    {
        Assert.Equal(digestHex, Convert.ToHexStringLower(Blake2b.Hash512(System.Text.Encoding.ASCII.GetBytes(input))));
    }
}
