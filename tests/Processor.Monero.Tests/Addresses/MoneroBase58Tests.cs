using Processor.Monero.Addresses;
using Processor.Testing;

namespace Processor.Monero.Tests.Addresses;

public sealed class MoneroBase58Tests
{
    [Fact]
    public void EveryLength_RoundTrips()
    {
        var seed = TestSeed.New();
        var random = new Random(seed);
        for (var length = 0; length <= 77; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            Assert.True(data.AsSpan().SequenceEqual(MoneroBase58.Decode(MoneroBase58.Encode(data))), $"seed {seed}, length {length}");
        }
    }

    [Fact]
    public void Blocks_AreFixedWidth()
    {
        Assert.Equal("11111111111", MoneroBase58.Encode(new byte[8]));
        Assert.Equal("11", MoneroBase58.Encode(new byte[1]));
        Assert.Equal("jpXCZedGfVQ", MoneroBase58.Encode(Enumerable.Repeat((byte)0xFF, 8).ToArray()));
    }

    [Fact]
    public void OverflowingBlockOrImpossibleLength_IsRefused()
    {
        Assert.Throws<FormatException>(() => MoneroBase58.Decode("zzzzzzzzzzz"));
        Assert.Throws<FormatException>(() => MoneroBase58.Decode("zz"));
        Assert.Throws<FormatException>(() => MoneroBase58.Decode("1"));
        Assert.Throws<FormatException>(() => MoneroBase58.Decode("1111"));
        Assert.Throws<FormatException>(() => MoneroBase58.Decode("0O"));
    }
}
