using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Tests.Addresses;

/// <summary>Addresses: Serai's known mainnet addresses (coins/monero/src/tests/address.rs), round trips, and refusals.</summary>
public sealed class MoneroAddressTests
{
    private const string Spend = "f8631661f6ab4e6fda310c797330d86e23a682f20d5bc8cc27b18051191f16d7";
    private const string View = "4a1535063ad1fee2dabbf909d4fd9a873e29541b401f0944754e17c9a41820ce";
    private const string Standard = "4B33mFPMq6mKi7Eiyd5XuyKRVMGVZz1Rqb9ZTyGApXW5d1aT7UBDZ89ewmnWFkzJ5wPd2SFbn313vCT8a4E2Qf4KQH4pNey";
    private const string Integrated = "4Ljin4CrSNHKi7Eiyd5XuyKRVMGVZz1Rqb9ZTyGApXW5d1aT7UBDZ89ewmnWFkzJ5wPd2SFbn313vCT8a4E2Qf4KbaTH6MnpXSn88oBX35";
    private const string Subaddress = "8C5zHM5ud8nGC4hC2ULiBLSWx9infi8JUUmWEat4fcTf8J4H38iWYVdFmPCA9UmfLTZxD43RsyKnGEdZkoGij6csDeUnbEB";

    [Fact]
    public void SeraiStandardAddress_ParsesToItsKeysAndBack()
    {
        var address = MoneroAddress.Parse(Standard, MoneroNetwork.Mainnet);
        Assert.Equal(MoneroAddressKind.Standard, address.Kind);
        Assert.Equal(Spend, address.SpendKey.ToString());
        Assert.Equal(View, address.ViewKey.ToString());
        Assert.Null(address.PaymentId);
        Assert.Equal(Standard, address.ToString());
    }

    [Fact]
    public void SeraiIntegratedAddress_CarriesItsPaymentId()
    {
        var address = MoneroAddress.Parse(Integrated, MoneroNetwork.Mainnet);
        Assert.Equal(MoneroAddressKind.Integrated, address.Kind);
        Assert.Equal(Spend, address.SpendKey.ToString());
        Assert.Equal(View, address.ViewKey.ToString());
        Assert.Equal("b8963a57855cf73f", Convert.ToHexStringLower(address.PaymentId!));
        Assert.Equal(Integrated, address.ToString());
    }

    [Fact]
    public void SeraiSubaddress_ParsesToItsKeysAndBack()
    {
        var address = MoneroAddress.Parse(Subaddress, MoneroNetwork.Mainnet);
        Assert.Equal(MoneroAddressKind.Subaddress, address.Kind);
        Assert.Equal("fe358188b528335ad1cfdc24a22a23988d742c882b6f19a602892eaab3c1b62b", address.SpendKey.ToString());
        Assert.Equal("9bc2b464de90d058468522098d5610c5019c45fd1711a9517db1eea7794f5470", address.ViewKey.ToString());
        Assert.Equal(Subaddress, address.ToString());
    }

    [Theory]
    [InlineData(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, "4")]
    [InlineData(MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, "4")]
    [InlineData(MoneroNetwork.Mainnet, MoneroAddressKind.Subaddress, "8")]
    [InlineData(MoneroNetwork.Testnet, MoneroAddressKind.Standard, "9A")]
    [InlineData(MoneroNetwork.Testnet, MoneroAddressKind.Integrated, "AB")]
    [InlineData(MoneroNetwork.Testnet, MoneroAddressKind.Subaddress, "BC")]
    [InlineData(MoneroNetwork.Stagenet, MoneroAddressKind.Standard, "5")]
    [InlineData(MoneroNetwork.Stagenet, MoneroAddressKind.Integrated, "5")]
    [InlineData(MoneroNetwork.Stagenet, MoneroAddressKind.Subaddress, "7")]
    public void EveryNetworkAndKind_RoundTripsWithItsLeadingCharacter(MoneroNetwork network, MoneroAddressKind kind, string leading)
    {
        var keys = MoneroAddress.Parse(Standard);
        var paymentId = kind == MoneroAddressKind.Integrated ? Convert.FromHexString("0102030405060708") : [];
        var text = new MoneroAddress(network, kind, keys.SpendKey, keys.ViewKey, paymentId).ToString();

        Assert.Contains(text[0], leading.ToCharArray());
        var parsed = MoneroAddress.Parse(text, network);
        Assert.Equal((network, kind), (parsed.Network, parsed.Kind));
        Assert.Equal(text, parsed.ToString());
    }

    [Fact]
    public void WrongNetwork_IsRefusedNamingBoth()
    {
        var error = Assert.Throws<FormatException>(() => MoneroAddress.Parse(Standard, MoneroNetwork.Stagenet));
        Assert.Contains("Mainnet", error.Message, StringComparison.Ordinal);
        Assert.Contains("Stagenet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedCharacter_FailsTheChecksum()
    {
        var tampered = Standard[..50] + (Standard[50] == 'a' ? 'b' : 'a') + Standard[51..];
        var error = Assert.Throws<FormatException>(() => MoneroAddress.Parse(tampered));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPrefix_IsRefused()
    {
        var keys = MoneroAddress.Parse(Standard);
        var body = new MoneroWriter().WriteVarint(99).WriteBytes(keys.SpendKey.Encoding).WriteBytes(keys.ViewKey.Encoding);
        var data = body.WriteBytes(MoneroHash.Keccak(body.Written).AsSpan(0, 4)).ToArray();
        var error = Assert.Throws<FormatException>(() => MoneroAddress.Parse(MoneroBase58.Encode(data)));
        Assert.Contains("prefix 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedOrForeignText_IsRefused()
    {
        Assert.Throws<FormatException>(() => MoneroAddress.Parse(Standard[..^1]));
        Assert.Throws<FormatException>(() => MoneroAddress.Parse(Standard[..^11]));
        Assert.Throws<FormatException>(() => MoneroAddress.Parse("0" + Standard[1..]));
    }

    [Fact]
    public void IntegratedKindWithoutPaymentId_IsRejected()
    {
        var keys = MoneroAddress.Parse(Standard);
        Assert.Throws<ArgumentException>(() => new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Integrated, keys.SpendKey, keys.ViewKey));
        Assert.Throws<ArgumentException>(() => new MoneroAddress(MoneroNetwork.Mainnet, MoneroAddressKind.Standard, keys.SpendKey, keys.ViewKey, new byte[8]));
    }
}
