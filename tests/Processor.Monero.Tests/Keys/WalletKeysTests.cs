using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;

namespace Processor.Monero.Tests.Keys;

/// <summary>
/// The wallet of monero-project's functional tests (<c>tests/functional_tests/wallet.py</c>, seed "velvet lymph …"): its
/// reported secret keys, primary address, the first subaddresses of accounts 1 and 2, and (integrated_address.py) its
/// integrated address for payment id 0123456789abcdef.
/// </summary>
public sealed class WalletKeysTests
{
    private const string SpendSecret = "148d78d2aba7dbca5cd8f6abcfb0b3c009ffbdbea1ff373d50ed94d78286640e";
    private const string ViewSecret = "49774391fa5e8d249fc2c5b45dadef13534bf2483dede880dac88f061e809100";
    private const string PrimaryAddress = "42ey1afDFnn4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfJJQAWDm";

    [Fact]
    public void ViewSecret_IsHashOfSpendSecret() =>
        Assert.Equal(ViewSecret, Hex(WalletKeys.ViewSecretFromSpendSecret(MoneroScalars.Decode(Convert.FromHexString(SpendSecret))).Serialize()));

    [Fact]
    public void PrimaryAddress_MatchesWallet2()
    {
        var (spend, view) = Subaddress(0, 0);
        Assert.Equal(PrimaryAddress, new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, spend, view).ToString());
    }

    [Theory]
    [InlineData(1U, "82pP87g1Vkd3LUMssBCumk3MfyEsFqLAaGDf6oxddu61EgSFzt8gCwUD4tr3kp9TUfdPs2CnpD7xLZzyC1Ei9UsW3oyCWDf")]
    [InlineData(2U, "8Bdb75y2MhvbkvaBnG7vYP6DCNneLWcXqNmfPmyyDkavAUUgrHQEAhTNK3jEq69kGPDrd3i5inPivCwTvvA12eQ4SJk9iyy")]
    public void AccountSubaddress_MatchesWallet2(uint major, string expected)
    {
        var (spend, view) = Subaddress(major, 0);
        Assert.Equal(expected, new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Subaddress, spend, view).ToString());
    }

    [Fact]
    public void IntegratedAddress_MatchesWallet2()
    {
        var primary = MoneroAddress.Parse(PrimaryAddress, MoneroNetwork.Mainnet);
        var integrated = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, primary.SpendKey, primary.ViewKey, Convert.FromHexString("0123456789abcdef"));
        Assert.Equal("4CMe2PUhs4J4886T7196doS9GPMzexD9gXpsZJDwVjeRVdFCSoHnv7KPbBeGpzJBzHRCAs9UxqeoyFQMYbqSWYTfSbLRB61BQVATzerHGj", integrated.ToString());
    }

    [Fact]
    public void SubaddressSpendSecret_OwnsTheSubaddressSpendKey()
    {
        using var spend = MoneroScalars.Decode(Convert.FromHexString(SpendSecret));
        using var view = MoneroScalars.Decode(Convert.FromHexString(ViewSecret));
        using var subaddressSpend = WalletKeys.SubaddressSpendSecret(spend, view, 3, 7);
        Assert.Equal(Subaddress(3, 7).Spend, EdwardsPoint.MultiplyBase(subaddressSpend));
    }

    private static (EdwardsPoint Spend, EdwardsPoint View) Subaddress(uint major, uint minor)
    {
        using var spend = MoneroScalars.Decode(Convert.FromHexString(SpendSecret));
        using var view = MoneroScalars.Decode(Convert.FromHexString(ViewSecret));
        return WalletKeys.SubaddressPublicKeys(EdwardsPoint.MultiplyBase(spend), view, major, minor);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
