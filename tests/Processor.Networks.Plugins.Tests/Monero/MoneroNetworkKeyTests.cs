using System.Security.Cryptography;
using Processor.Monero.Crypto;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>The Monero network key: the DKG's Ed25519 group key published as it is, anything else refused with a reason.</summary>
public sealed class MoneroNetworkKeyTests
{
    private static readonly MoneroNetworkKeyForm KeyForm = new();

    [Fact]
    public void GroupKey_IsPublishedAsItIs_WithAZeroOffset()
    {
        var groupKey = NewGroupKey();

        var form = KeyForm.FromGroupKey(groupKey);

        Assert.Equal(groupKey, form.PublishedKey);
        Assert.Equal(new byte[32], form.Offset);
        Assert.Equal(3, KeyForm.SeraiNetworkId);
        Assert.True(new MoneroOutputScanner().IsValidNetworkKey(form.PublishedKey));
    }

    [Theory]
    [InlineData(31, "32-byte compressed Ed25519 point, not 31 bytes")]
    [InlineData(33, "32-byte compressed Ed25519 point, not 33 bytes")]
    [InlineData(0, "32-byte compressed Ed25519 point, not 0 bytes")]
    public void KeyOfTheWrongLength_IsRefused_SayingTheLength(int length, string reason)
    {
        var key = new byte[length];

        Assert.Contains(reason, Assert.Throws<FormatException>(() => KeyForm.FromGroupKey(key)).Message, StringComparison.Ordinal);
        Assert.False(new MoneroOutputScanner().IsValidNetworkKey(key));
    }

    [Fact]
    public void BytesThatAreNoPoint_AreRefused()
    {
        // y = 2 has no x on the curve.
        var key = new byte[32];
        key[0] = 2;

        Assert.Contains("is not an Ed25519 point encoding", Assert.Throws<FormatException>(() => KeyForm.FromGroupKey(key)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // the identity
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // a point of order 4
    [InlineData("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")] // a point of order 8
    public void IdentityOrTorsionedPoint_IsRefused(string hex)
    {
        var key = Convert.FromHexString(hex);

        Assert.Contains("identity or has a torsion component", Assert.Throws<FormatException>(() => KeyForm.FromGroupKey(key)).Message, StringComparison.Ordinal);
        Assert.False(new MoneroOutputScanner().IsValidNetworkKey(key));
    }

    [Fact]
    public void GroupKeyPlusATorsionPoint_IsRefused()
    {
        var torsioned = EdwardsPoint.Decode(NewGroupKey()) + EdwardsPoint.FromHex("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");

        Assert.Throws<FormatException>(() => KeyForm.FromGroupKey(torsioned.ToArray()));
    }

    /// <summary>A random Ed25519 group key.</summary>
    internal static byte[] NewGroupKey()
    {
        using var secret = MoneroScalars.Reduce(RandomNumberGenerator.GetBytes(64));
        return EdwardsPoint.MultiplyBase(secret).ToArray();
    }
}
