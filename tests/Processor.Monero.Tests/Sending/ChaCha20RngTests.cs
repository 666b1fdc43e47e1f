using Processor.Monero.Sending;

namespace Processor.Monero.Tests.Sending;

/// <summary>The deterministic stream is RFC 8439's ChaCha20 keystream.</summary>
public sealed class ChaCha20RngTests
{
    [Fact]
    public void ZeroSeed_GivesRfc8439KeystreamOfAZeroKeyAndNonce()
    {
        // RFC 8439 appendix A.1, test vector 1 (block counter 0).
        var expected = Convert.FromHexString(
            "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
        var stream = new byte[64];

        new ChaCha20Rng(new byte[32]).NextBytes(stream);

        Assert.Equal(expected, stream);
    }

    [Fact]
    public void BlockFunction_MatchesRfc8439Section232()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var expected = Convert.FromHexString(
            "10f1e7e4d13b5915500fdd1fa32071c4c7d1f4c733c068030422aa9ac3d46c4ed2826446079faa0914c2d705d98b02a2b5129cd1de164eb9cbd083e8a2503c4e");
        var block = new byte[64];

        new ChaCha20Rng(key, Convert.FromHexString("000000090000004a00000000"), 1).NextBytes(block);

        Assert.Equal(expected, block);
    }

    [Fact]
    public void ReadsOfAnySize_ContinueTheSameStream()
    {
        var seed = Enumerable.Repeat((byte)7, 32).ToArray();
        var whole = new byte[200];
        new ChaCha20Rng(seed).NextBytes(whole);

        var pieces = new ChaCha20Rng(seed);
        var joined = new byte[200];
        pieces.NextBytes(joined.AsSpan(0, 3));
        pieces.NextBytes(joined.AsSpan(3, 90));
        pieces.NextBytes(joined.AsSpan(93));

        Assert.Equal(whole, joined);
    }

    [Fact]
    public void SeedOfWrongLength_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ChaCha20Rng(new byte[31]));
    }
}
