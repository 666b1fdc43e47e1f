using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;
using Processor.Networks.Plugins.Monero;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>
/// The key's addresses per output kind (Serai's era-B subaddresses of the group key with the shared view key), and burn
/// destinations as Serai's address bytes.
/// </summary>
public sealed class MoneroAddressTests
{
    private static readonly MoneroAddressScripts Scripts = new();

    public static TheoryData<OutputKind, uint, uint> KindsAndSubaddresses => new()
    {
        { OutputKind.External, 1, 0 },
        { OutputKind.Branch, 2, 0 },
        { OutputKind.Change, 2, 1 },
        { OutputKind.Forwarded, 2, 2 },
    };

    [Theory]
    [MemberData(nameof(KindsAndSubaddresses))]
    public void EachKind_IsItsSubaddressOfTheGroupKey_WithSeraisViewKey(OutputKind kind, uint major, uint minor)
    {
        var groupKey = MoneroNetworkKeyTests.NewGroupKey();
        using var viewKey = SeraiViewKey.Derive();
        var (spend, view) = WalletKeys.SubaddressPublicKeys(EdwardsPoint.Decode(groupKey), viewKey, major, minor);

        Assert.Equal(new SubaddressIndex(major, minor), MoneroOutputKinds.ToSubaddress(kind));
        Assert.Equal(kind, MoneroOutputKinds.FromSubaddress(new SubaddressIndex(major, minor)));
        Assert.Equal([0x20, .. spend.Encoding, .. view.Encoding], Scripts.OwnScript(groupKey, kind));
        var address = MoneroNetworkKey.Address(groupKey, kind, MoneroNetwork.Mainnet);
        Assert.Equal((MoneroAddressKind.Subaddress, spend, view), (address.Kind, address.SpendKey, address.ViewKey));
    }

    [Theory]
    [InlineData(0u, 0u)]
    [InlineData(1u, 1u)]
    [InlineData(3u, 0u)]
    public void OtherSubaddresses_AreNoKind(uint major, uint minor) =>
        Assert.Null(MoneroOutputKinds.FromSubaddress(new SubaddressIndex(major, minor)));

    [Fact]
    public void KindsOfOneKey_HaveFourDistinctScripts()
    {
        var groupKey = MoneroNetworkKeyTests.NewGroupKey();

        Assert.Equal(4, MoneroOutputKinds.All.Select(k => Convert.ToHexString(Scripts.OwnScript(groupKey, k))).Distinct().Count());
    }

    [Fact]
    public void OwnScriptOfANonKey_IsAnArgumentError()
    {
        Assert.Contains("Not a Monero network key", Assert.Throws<ArgumentException>(() => Scripts.OwnScript(new byte[31], OutputKind.Change)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x00)]
    [InlineData(0x20)]
    public void StandardAddressOrSubaddress_IsPayable(byte kind)
    {
        byte[] address = [kind, .. MoneroNetworkKeyTests.NewGroupKey(), .. MoneroNetworkKeyTests.NewGroupKey()];

        Assert.Equal(address, Scripts.PaymentScript(address));
    }

    [Fact]
    public void FeaturedAddress_WrongLength_OrInvalidKey_IsNotPayable()
    {
        var spend = MoneroNetworkKeyTests.NewGroupKey();
        var view = MoneroNetworkKeyTests.NewGroupKey();

        Assert.Null(Scripts.PaymentScript([0x40, .. spend, .. view]));
        Assert.Null(Scripts.PaymentScript([0x00, .. spend, .. view, 0]));
        Assert.Null(Scripts.PaymentScript([0x00, .. spend]));
        Assert.Null(Scripts.PaymentScript([]));
        Assert.Null(Scripts.PaymentScript([0x00, .. spend, .. new byte[32]]));
    }
}
