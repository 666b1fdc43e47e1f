using Processor.Crypto.Groups;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;

namespace Processor.Monero.Node.Tests.Addresses;

/// <summary>The library derives, from a wallet's spend key alone, the very addresses monero-wallet-rpc shows for it.</summary>
public sealed class WalletAddressTests(RegtestFixture chain)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ViewKeyAndStandardAddress_EqualTheWallets()
    {
        var (spendSecret, viewSecret) = await KeysOfAsync();

        using (viewSecret)
        using (spendSecret)
        {
            Assert.Equal(await chain.Bob.GetPrivateViewKeyAsync(Cancel), viewSecret.Serialize());
            var address = new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, EdwardsPoint.MultiplyBase(spendSecret), EdwardsPoint.MultiplyBase(viewSecret));
            Assert.Equal(await chain.Bob.GetAddressAsync(Cancel), address.ToString());
        }
    }

    [Fact]
    public async Task IntegratedAddress_EqualsTheWallets()
    {
        var (spendSecret, viewSecret) = await KeysOfAsync();

        using (viewSecret)
        using (spendSecret)
        {
            var paymentId = Convert.FromHexString("1122334455667788");
            var address = new MoneroAddress(
                MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, EdwardsPoint.MultiplyBase(spendSecret), EdwardsPoint.MultiplyBase(viewSecret), paymentId);
            Assert.Equal(await chain.Bob.MakeIntegratedAddressAsync("1122334455667788", Cancel), address.ToString());
        }
    }

    [Fact]
    public async Task Subaddresses_OfTheFirstAndASecondAccount_EqualTheWallets()
    {
        var wallet = chain.Bob;
        var (subaddress, minor) = await wallet.CreateSubaddressAsync(0, Cancel);
        var (accountAddress, major) = await wallet.CreateAccountAsync(Cancel);
        using var spendSecret = MoneroScalars.Decode(await wallet.GetPrivateSpendKeyAsync(Cancel));
        using var viewSecret = WalletKeys.ViewSecretFromSpendSecret(spendSecret);
        var spendKey = EdwardsPoint.MultiplyBase(spendSecret);

        Assert.Equal(subaddress, Subaddress(spendKey, viewSecret, 0, minor));
        Assert.Equal(accountAddress, Subaddress(spendKey, viewSecret, major, 0));
        Assert.Equal(await wallet.GetAddressAsync(0, minor, Cancel), subaddress);
    }

    private static string Subaddress(EdwardsPoint spendKey, Scalar viewSecret, uint major, uint minor)
    {
        var (spend, view) = WalletKeys.SubaddressPublicKeys(spendKey, viewSecret, major, minor);
        return new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Subaddress, spend, view).ToString();
    }

    private async Task<(Scalar Spend, Scalar View)> KeysOfAsync()
    {
        var spendSecret = MoneroScalars.Decode(await chain.Bob.GetPrivateSpendKeyAsync(Cancel));
        return (spendSecret, WalletKeys.ViewSecretFromSpendSecret(spendSecret));
    }
}
