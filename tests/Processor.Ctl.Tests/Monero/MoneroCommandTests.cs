using System.Text.Json;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;

namespace Processor.Ctl.Tests.Monero;

/// <summary><c>processorctl xmr</c>: the processor's addresses of a group spend key.</summary>
public sealed class MoneroCommandTests
{
    // A regtest wallet's public spend key and its standard address (monero-wallet-rpc), with the view key wallet2 derives.
    private const string WalletSpendKey = "c735d6aa510b31cc51fcd4addbdac2cf673d4b7c867fa0ecaed8b0bad227a608";
    private const string WalletViewKey = "501840e39dd5af69c18b4413a4a02dcfd66a1acc78bae5c8f95568949d7f3808";
    private const string WalletAddress = "42Yz67ucbLtdwJpNpZcpCJUGRo3aNzRbUXGRuPetoVdk2FzPB48e64ERD9e8wPHo51PMoPz47ZR81i5gTXg4AMVMMjXYRXL";

    [Fact]
    public async Task AddressesWithTheWalletsViewKey_StandardAddressIsTheWallets()
    {
        var spendKey = EdwardsPoint.MultiplyBase(MoneroScalars.Decode(Convert.FromHexString(WalletSpendKey)));

        var result = await Xmr("addresses", "--spend-key", spendKey.ToString(), "--view-key", WalletViewKey);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(WalletAddress, root.GetProperty("standardAddress").GetString());
        Assert.Equal("given", root.GetProperty("viewKey").GetString());
        Assert.DoesNotContain(WalletViewKey, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mainnet", MoneroNetwork.Mainnet)]
    [InlineData("stagenet", MoneroNetwork.Stagenet)]
    [InlineData("testnet", MoneroNetwork.Testnet)]
    public async Task AddressesWithoutAViewKey_UseSeraisSharedViewKey_ForTheFourKinds(string name, MoneroNetwork network)
    {
        var spendKey = EdwardsPoint.MultiplyBase(MoneroScalars.Decode(Convert.FromHexString(WalletSpendKey)));
        using var viewKey = SeraiViewKey.Derive();

        var result = await Xmr("addresses", "--spend-key", spendKey.ToString(), "--network", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal("serai-shared", root.GetProperty("viewKey").GetString());
        Assert.Equal(EdwardsPoint.MultiplyBase(viewKey).ToString(), root.GetProperty("publicViewKey").GetString());
        var standard = MoneroAddress.Parse(root.GetProperty("standardAddress").GetString()!, network);
        Assert.Equal(spendKey, standard.SpendKey);
        var kinds = root.GetProperty("addresses").EnumerateArray().ToList();
        Assert.Equal(["external", "branch", "change", "forwarded"], kinds.Select(k => k.GetProperty("kind").GetString()));
        foreach (var (kind, (_, index)) in kinds.Zip(SeraiSubaddresses.All))
        {
            var (spend, view) = WalletKeys.SubaddressPublicKeys(spendKey, viewKey, index.Major, index.Minor);
            var address = MoneroAddress.Parse(kind.GetProperty("address").GetString()!, network);
            Assert.Equal((MoneroAddressKind.Subaddress, spend, view), (address.Kind, address.SpendKey, address.ViewKey));
            Assert.Equal((index.Major, index.Minor), (kind.GetProperty("major").GetUInt32(), kind.GetProperty("minor").GetUInt32()));
        }
    }

    [Theory]
    [InlineData("--spend-key", "abcd", "64 hexadecimal digits")]
    [InlineData("--spend-key", "c2cb3cf3840aa9893e00ec77093d3d44dba7da840b51c48462072d58d8efd183", "--spend-key:")]
    public async Task BadSpendKey_IsAUsageError(string option, string value, string expected)
    {
        var result = await Xmr("addresses", option, value);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonCanonicalViewKey_IsAUsageError()
    {
        var result = await Xmr("addresses", "--spend-key", EdwardsPoint.Generator.ToString(), "--view-key", new string('f', 64));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("--view-key:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownNetwork_IsAUsageError()
    {
        var result = await Xmr("addresses", "--spend-key", EdwardsPoint.Generator.ToString(), "--network", "regnet");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'regnet' is not a Monero network", result.Error, StringComparison.Ordinal);
    }

    private static Task<CtlResult> Xmr(params string[] args) => CtlHarness.RunAsync(null, ["xmr", .. args]);
}
