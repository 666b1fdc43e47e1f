using Processor.Crypto.Secp256k1;
using Processor.Testing;

namespace Processor.Crypto.Tests.Secp256k1;

public sealed class Bip340Tests
{
    public static TheoryData<int> VectorRows() => [.. Enumerable.Range(0, ReadVectors().Count)];

    [Theory]
    [MemberData(nameof(VectorRows))]
    public void Bip340Vector_SignsAndVerifiesAsSpecified(int row)
    {
        var v = ReadVectors()[row];
        if (v.SecretKey.Length > 0)
        {
            Assert.Equal(v.PublicKey, Bip340.XOnlyPublicKey(v.SecretKey));
            Assert.Equal(v.Signature, Bip340.Sign(v.SecretKey, v.Message, v.AuxRand));
        }

        Assert.Equal(v.Valid, Bip340.Verify(v.Signature, v.Message, v.PublicKey));
        Assert.Equal(v.Valid, BouncyCastleBip340.Verify(v.Signature, v.Message, v.PublicKey));
    }

    [Fact]
    public void RandomKeysAndMessages_AgreeWithBouncyCastle()
    {
        var seed = TestSeed.New();
        var random = new Random(seed);
        for (var i = 0; i < 50; i++)
        {
            var secretKey = RandomSecretKey(random);
            var message = new byte[random.Next(0, 100)];
            var aux = new byte[32];
            random.NextBytes(message);
            random.NextBytes(aux);

            var publicKey = Bip340.XOnlyPublicKey(secretKey);
            var signature = Bip340.Sign(secretKey, message, aux);

            Assert.True(publicKey.AsSpan().SequenceEqual(BouncyCastleBip340.XOnly(secretKey)), $"seed {seed}, i {i}");
            Assert.True(Bip340.Verify(signature, message, publicKey), $"seed {seed}, i {i}");
            Assert.True(BouncyCastleBip340.Verify(signature, message, publicKey), $"seed {seed}, i {i}");
            signature[random.Next(64)] ^= (byte)(1 << random.Next(8));
            Assert.False(Bip340.Verify(signature, message, publicKey), $"seed {seed}, i {i}");
        }
    }

    [Fact]
    public void TweakedKeyPair_SignsForTheTweakedPublicKey()
    {
        var seed = TestSeed.New();
        var random = new Random(seed);
        for (var i = 0; i < 20; i++)
        {
            var secretKey = RandomSecretKey(random);
            var tweak = RandomSecretKey(random);
            var message = new byte[32];
            random.NextBytes(message);

            var tweaked = Bip340.TweakXOnlyPublicKey(Bip340.XOnlyPublicKey(secretKey), tweak);
            var expected = BouncyCastleBip340.Tweak(Bip340.XOnlyPublicKey(secretKey), tweak);
            var tweakedSecret = Bip340.TweakSecretKey(secretKey, tweak);

            Assert.True(expected.XOnly.AsSpan().SequenceEqual(tweaked.XOnly), $"seed {seed}, i {i}");
            Assert.Equal(expected.OddY, tweaked.OddY);
            Assert.Equal(tweaked.XOnly, Bip340.XOnlyPublicKey(tweakedSecret));
            Assert.True(Bip340.Verify(Bip340.Sign(tweakedSecret, message, new byte[32]), message, tweaked.XOnly), $"seed {seed}, i {i}");
        }
    }

    [Fact]
    public void InvalidSecretKey_IsRejectedWithoutEchoingIt()
    {
        var zero = new byte[32];
        var error = Assert.Throws<ArgumentException>(() => Bip340.Sign(zero, [1, 2, 3], new byte[32]));
        Assert.DoesNotContain("0000", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Bip340.XOnlyPublicKey(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    [Fact]
    public void MalformedInputs_DoNotVerify()
    {
        Assert.False(Bip340.Verify(new byte[63], [], new byte[32]));
        Assert.False(Bip340.Verify(new byte[64], [], new byte[31]));
        Assert.False(Bip340.IsValidXOnlyPublicKey(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
    }

    private static byte[] RandomSecretKey(Random random)
    {
        var key = new byte[32];
        random.NextBytes(key);
        key[0] &= 0x7F; // below the group order
        key[31] |= 1;   // non-zero
        return key;
    }

    private sealed record Bip340Vector(byte[] SecretKey, byte[] PublicKey, byte[] AuxRand, byte[] Message, byte[] Signature, bool Valid);

    private static List<Bip340Vector> ReadVectors() =>
        [.. File.ReadLines(RepositoryPaths.Vector("bip340/test-vectors.csv")).Skip(1).Where(l => l.Length > 0).Select(line =>
        {
            var f = line.Split(',');
            return new Bip340Vector(
                Convert.FromHexString(f[1]), Convert.FromHexString(f[2]), Convert.FromHexString(f[3]),
                Convert.FromHexString(f[4]), Convert.FromHexString(f[5]), f[6] == "TRUE");
        })];
}
