using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Hashing;

namespace Processor.Crypto.Tests.Hashing;

public sealed class KeccakF1600Tests
{
    [Fact]
    public void ZeroState_PermutesToTheKnownFirstLane()
    {
        Span<ulong> lanes = stackalloc ulong[KeccakF1600.StateLanes];

        KeccakF1600.Permute(lanes);

        // The Keccak team's KeccakF-1600 intermediate values: the first lane after one permutation of the zero state.
        Assert.Equal(0xF1258F7940E1DDE7UL, lanes[0]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a message longer than one SHA3-256 block of 136 bytes, so that the sponge has to permute in the middle of absorbing it; more words")]
    public void Sha3Sponge_MatchesTheOperatingSystemsSha3(string text)
    {
        Assert.SkipUnless(SHA3_256.IsSupported, "SHA3-256 needs OpenSSL 1.1.1 or later in the operating system.");
        var message = Encoding.ASCII.GetBytes(text);

        Assert.Equal(SHA3_256.HashData(message), Sha3_256(message));
    }

    [Fact]
    public void StateOfTheWrongSize_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => KeccakF1600.Permute(new ulong[24]));
        Assert.Throws<ArgumentException>(() => KeccakF1600.Permute(new byte[199]));
    }

    /// <summary>FIPS 202 SHA3-256 written on the byte-state permutation: rate 136, padding 0x06 … 0x80.</summary>
    private static byte[] Sha3_256(byte[] message)
    {
        const int rate = 136;
        var state = new byte[KeccakF1600.StateBytes];
        var padded = new byte[(message.Length / rate + 1) * rate];
        message.CopyTo(padded, 0);
        padded[message.Length] ^= 0x06;
        padded[^1] ^= 0x80;
        for (var block = 0; block < padded.Length; block += rate)
        {
            for (var i = 0; i < rate; i++)
            {
                state[i] ^= padded[block + i];
            }

            KeccakF1600.Permute(state);
        }

        return state[..32];
    }
}
