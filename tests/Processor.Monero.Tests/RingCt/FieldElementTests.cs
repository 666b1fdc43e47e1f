using System.Numerics;
using System.Security.Cryptography;
using Processor.Monero.RingCt.Arithmetic;

namespace Processor.Monero.Tests.RingCt;

/// <summary>The field arithmetic of the multi-scalar multiplication against BigInteger arithmetic modulo 2^255 − 19.</summary>
public sealed class FieldElementTests
{
    private static readonly BigInteger Prime = (BigInteger.One << 255) - 19;

    /// <summary>Zero, one, p − 1, p − 2 and 2^255 − 1 (non-canonical: p + 18), whose limbs are all set, and 2^254.</summary>
    public static TheoryData<string> EdgeValues => new()
    {
        "0",
        "1",
        (Prime - 1).ToString(),
        (Prime - 2).ToString(),
        ((BigInteger.One << 255) - 1).ToString(),
        (BigInteger.One << 254).ToString(),
    };

    [Theory]
    [MemberData(nameof(EdgeValues))]
    public void ProductAndSquareOfEdgeValues_EqualBigIntegerResults(string value)
    {
        var integer = BigInteger.Parse(value);
        var element = FromInteger(integer);
        var largest = FromInteger(Prime - 1);

        Assert.Equal(integer * integer % Prime, ToInteger(element.Square()));
        Assert.Equal(integer * integer % Prime, ToInteger(element * element));
        Assert.Equal(integer * (Prime - 1) % Prime, ToInteger(element * largest));
    }

    [Fact]
    public void ProductsOfRandomValues_EqualBigIntegerResults()
    {
        for (var i = 0; i < 500; i++)
        {
            var a = RandomBelow2To255();
            var b = RandomBelow2To255();

            Assert.Equal(a * b % Prime, ToInteger(FromInteger(a) * FromInteger(b)));
            Assert.Equal(a * a % Prime, ToInteger(FromInteger(a).Square()));
        }
    }

    /// <summary>Sums, differences and negations leave limbs above 2^51 (not carried into the next limb); products of
    /// them must still be exact.</summary>
    [Fact]
    public void ProductsOfSumsAndDifferences_EqualBigIntegerResults()
    {
        for (var i = 0; i < 500; i++)
        {
            var a = RandomBelow2To255();
            var b = RandomBelow2To255();
            var (x, y) = (FromInteger(a), FromInteger(b));
            var sum = Mod(a + b);
            var difference = Mod(a - b);
            var negation = Mod(-a);

            Assert.Equal(Mod(sum * difference), ToInteger((x + y) * (x - y)));
            Assert.Equal(Mod(difference * difference), ToInteger((x - y).Square()));
            Assert.Equal(Mod(negation * sum), ToInteger(-x * (x + y)));
            Assert.Equal(Mod(sum * sum * difference), ToInteger((x + y).Square() * (x - y)));
        }
    }

    [Fact]
    public void Inverse_TimesTheValueIsOne()
    {
        var a = RandomBelow2To255() % Prime;
        var element = FromInteger(a == 0 ? 1 : a);

        Assert.Equal(BigInteger.One, ToInteger(element * element.Invert()));
    }

    private static BigInteger Mod(BigInteger value) => ((value % Prime) + Prime) % Prime;

    private static BigInteger RandomBelow2To255()
    {
        var bytes = RandomNumberGenerator.GetBytes(32);
        bytes[31] &= 0x7F;
        return new BigInteger(bytes, isUnsigned: true);
    }

    private static FieldElement FromInteger(BigInteger value)
    {
        var bytes = new byte[32];
        value.TryWriteBytes(bytes, out _, isUnsigned: true);
        return FieldElement.FromBytes(bytes);
    }

    private static BigInteger ToInteger(FieldElement element) => new(element.ToBytes(), isUnsigned: true);
}
