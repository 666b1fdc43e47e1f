using System.Numerics;
using Org.BouncyCastle.Crypto.EC;
using Processor.Crypto.Groups;
using Processor.Testing;

namespace Processor.Crypto.Tests.Groups;

public sealed class GroupArithmeticTests
{
    public static TheoryData<string> Groups() => ["secp256k1", "ristretto255", "ed25519"];

    [Theory]
    [MemberData(nameof(Groups))]
    public void ScalarArithmetic_MatchesBigIntegerModOrder(string name)
    {
        var group = GroupByName(name);
        var seed = TestSeed.New();
        var random = new Random(seed);
        var n = group.Order;
        BigInteger[] edge = [0, 1, 2, n - 1, n - 2];
        for (var i = 0; i < 60; i++)
        {
            var x = i < edge.Length ? edge[i] : RandomBelow(random, n);
            var y = i < edge.Length ? edge[(i + 2) % edge.Length] : RandomBelow(random, n);
            using var a = group.ScalarFromInteger(x);
            using var b = group.ScalarFromInteger(y);
            var context = $"seed {seed}, i {i}";
            Assert.True(group.ToIntegerPublic(a + b) == (x + y) % n, context);
            Assert.True(group.ToIntegerPublic(a - b) == ((x - y) % n + n) % n, context);
            Assert.True(group.ToIntegerPublic(a * b) == x * y % n, context);
            Assert.True(group.ToIntegerPublic(-a) == (n - x) % n, context);
            Assert.Equal(x.IsZero, a.IsZero);
            if (!x.IsZero)
            {
                Assert.True(group.ToIntegerPublic(group.InvertPublic(a) * a) == 1, context);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void ReduceWide_MatchesBigIntegerModOrder(string name)
    {
        var group = GroupByName(name);
        var bigEndian = group is Secp256k1Group;
        var seed = TestSeed.New();
        var random = new Random(seed);
        foreach (var length in bigEndian ? new[] { 32, 48, 64 } : [32, 64])
        {
            var bytes = new byte[length];
            random.NextBytes(bytes);
            bytes[bigEndian ? 0 : length - 1] |= 0x80;
            var expected = new BigInteger(bytes, isUnsigned: true, isBigEndian: bigEndian) % group.Order;
            Assert.True(group.ToIntegerPublic(group.ReduceWide(bytes)) == expected, $"seed {seed}, length {length}");
        }
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Identity_IsExplicitAndNeverEncoded(string name)
    {
        var group = GroupByName(name);
        using var zero = group.ScalarFromInteger(0);
        using var k = group.RandomScalar();
        var p = group.MultiplyGenerator(k);

        Assert.True(group.MultiplyGenerator(zero).IsIdentity);
        Assert.True((p + -p).IsIdentity);
        Assert.True((p - p).IsIdentity);
        Assert.Equal(p, group.Identity + p);
        Assert.Equal(p, p + group.Identity);
        Assert.True((p * zero).IsIdentity);
        Assert.True(group.MultiplyPublic(p, zero).IsIdentity);
        Assert.True(group.Sum([]).IsIdentity);
        Assert.Throws<InvalidOperationException>(() => group.Identity.Serialize());
        Assert.Throws<FormatException>(() => group.DeserializeElement(new byte[group.ElementLength]));
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Multiplications_AgreeAndDistribute(string name)
    {
        var group = GroupByName(name);
        using var a = group.RandomScalar();
        using var b = group.RandomScalar();
        var p = group.MultiplyGenerator(a);

        Assert.Equal(group.MultiplyGenerator(a * b), p * b);
        Assert.Equal(p * b, group.MultiplyPublic(p, b));
        Assert.Equal(group.MultiplyGenerator(a + b), p + group.MultiplyGenerator(b));
        Assert.Equal(p, group.DeserializeElement(p.Serialize()));
        Assert.Equal(group.Sum([p, p, p]), p * group.ScalarFromInteger(3));
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void NonCanonicalScalar_IsRejected(string name)
    {
        var group = GroupByName(name);
        var order = group.Order.ToByteArray(isUnsigned: true, isBigEndian: group is Secp256k1Group);
        Assert.Throws<FormatException>(() => group.DeserializeScalar(order));
        Assert.Throws<FormatException>(() => group.DeserializeScalar(Enumerable.Repeat((byte)0xFF, 32).ToArray()));
        Assert.True(group.DeserializeScalar(new byte[32]).IsZero);
    }

    [Fact]
    public void DisposedScalar_IsZeroedAndUnusable()
    {
        var scalar = Secp256k1Group.Instance.RandomScalar();
        scalar.Dispose();
        Assert.Throws<ObjectDisposedException>(() => scalar.Serialize());
        Assert.DoesNotContain("0", scalar.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Secp256k1Points_MatchBouncyCastle()
    {
        var curve = CustomNamedCurves.GetByName("secp256k1");
        var seed = TestSeed.New();
        var random = new Random(seed);
        var group = Secp256k1Group.Instance;
        for (var i = 0; i < 10; i++)
        {
            var a = RandomBelow(random, group.Order);
            var b = RandomBelow(random, group.Order);
            var expected = curve.G.Multiply(ToBouncy(a)).Multiply(ToBouncy(b)).Add(curve.G).GetEncoded(true);
            var actual = group.MultiplyGenerator(group.ScalarFromInteger(a)) * group.ScalarFromInteger(b) + group.Generator;
            Assert.True(expected.AsSpan().SequenceEqual(actual.Serialize()), $"seed {seed}, i {i}");
        }
    }

    internal static PrimeOrderGroup GroupByName(string name) => name switch
    {
        "secp256k1" => Secp256k1Group.Instance,
        "ed25519" => Ed25519Group.Instance,
        _ => Ristretto255Group.Instance,
    };

    private static BigInteger RandomBelow(Random random, BigInteger bound)
    {
        var bytes = new byte[40];
        random.NextBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true) % bound;
    }

    private static Org.BouncyCastle.Math.BigInteger ToBouncy(BigInteger value) => new(1, value.ToByteArray(isUnsigned: true, isBigEndian: true));
}
