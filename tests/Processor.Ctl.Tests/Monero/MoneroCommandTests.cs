using System.Text.Json;
using Processor.Ctl.Tests.Bitcoin;
using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.Keys;
using Processor.Monero.Scanning;
using Processor.Testing;

namespace Processor.Ctl.Tests.Monero;

/// <summary><c>processorctl xmr</c>: decoding Serai's mainnet vector transactions, and the processor's addresses of a group spend key.</summary>
[Collection(StandardInput.Name)]
public sealed class MoneroCommandTests
{
    // A regtest wallet's public spend key and its standard address (monero-wallet-rpc), with the view key wallet2 derives.
    private const string WalletSpendKey = "c735d6aa510b31cc51fcd4addbdac2cf673d4b7c867fa0ecaed8b0bad227a608";
    private const string WalletViewKey = "501840e39dd5af69c18b4413a4a02dcfd66a1acc78bae5c8f95568949d7f3808";
    private const string WalletAddress = "42Yz67ucbLtdwJpNpZcpCJUGRo3aNzRbUXGRuPetoVdk2FzPB48e64ERD9e8wPHo51PMoPz47ZR81i5gTXg4AMVMMjXYRXL";

    public static TheoryData<int> VectorTransactions => [0, 1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(VectorTransactions))]
    public async Task DecodeTx_PrintsTheVectorsIdInputsOutputsTypeAndFee(int index)
    {
        var vector = Vector(index);
        var expected = vector.GetProperty("tx");

        var result = await Xmr("decode-tx", vector.GetProperty("hex").GetString()!);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(vector.GetProperty("id").GetString(), root.GetProperty("txid").GetString());
        Assert.Equal(expected.GetProperty("version").GetUInt64(), root.GetProperty("version").GetUInt64());
        Assert.Equal(expected.GetProperty("unlock_time").GetUInt64(), root.GetProperty("unlockTime").GetUInt64());
        var inputs = root.GetProperty("inputs").EnumerateArray().ToList();
        foreach (var (input, expectedInput) in inputs.Zip(expected.GetProperty("vin").EnumerateArray(), (a, b) => (a, b)))
        {
            if (expectedInput.TryGetProperty("key", out var key))
            {
                Assert.Equal(key.GetProperty("k_image").GetString(), input.GetProperty("keyImage").GetString());
                Assert.Equal(key.GetProperty("key_offsets").EnumerateArray().Select(o => o.GetUInt64()), input.GetProperty("keyOffsets").EnumerateArray().Select(o => o.GetUInt64()));
                Assert.Equal(key.GetProperty("key_offsets")[0].GetUInt64(), input.GetProperty("ringIndices")[0].GetUInt64());
            }
            else
            {
                Assert.Equal(expectedInput.GetProperty("gen").GetProperty("height").GetUInt64(), input.GetProperty("height").GetUInt64());
            }
        }

        var outputs = root.GetProperty("outputs").EnumerateArray().ToList();
        foreach (var (output, expectedOutput) in outputs.Zip(expected.GetProperty("vout").EnumerateArray(), (a, b) => (a, b)))
        {
            var target = expectedOutput.GetProperty("target");
            var key = target.TryGetProperty("tagged_key", out var tagged) ? tagged : target;
            Assert.Equal(key.GetProperty("key").GetString(), output.GetProperty("key").GetString());
            Assert.Equal(tagged.ValueKind == JsonValueKind.Object ? tagged.GetProperty("view_tag").GetString() : null, output.GetProperty("viewTag").GetString());
            Assert.Equal(expectedOutput.GetProperty("amount").GetUInt64(), output.GetProperty("amount").GetUInt64());
        }

        Assert.Equal(expected.GetProperty("vin").GetArrayLength(), inputs.Count);
        Assert.Equal(expected.GetProperty("vout").GetArrayLength(), outputs.Count);
        if (!expected.TryGetProperty("rct_signatures", out var rct))
        {
            Assert.Equal(JsonValueKind.Null, root.GetProperty("rctType").ValueKind);
        }
        else
        {
            Assert.Equal(rct.GetProperty("type").GetInt32(), root.GetProperty("rctType").GetInt32());
            if (rct.TryGetProperty("txnFee", out var fee))
            {
                Assert.Equal(fee.GetUInt64(), root.GetProperty("fee").GetUInt64());
            }
        }

        if (vector.GetProperty("signature_hash").GetString() is { Length: > 0 } signatureHash && rct.ValueKind == JsonValueKind.Object && rct.GetProperty("type").GetInt32() >= 5)
        {
            Assert.Equal(signatureHash, root.GetProperty("signatureHash").GetString());
        }
    }

    [Fact]
    public async Task DecodeTx_ShowsTheExtraFields_WithTheEncryptedPaymentId()
    {
        var vector = Vector(3);

        var result = await Xmr("decode-tx", vector.GetProperty("hex").GetString()!);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var extra = json.RootElement.GetProperty("extra");
        Assert.True(extra.GetProperty("fullyParsed").GetBoolean());
        var fields = extra.GetProperty("fields");
        Assert.Equal("publicKey", fields[0].GetProperty("type").GetString());
        Assert.Equal("959377b2cc5b76f40886262064cc71324414c2996720dcbea25eae8b8faf4f98", fields[0].GetProperty("key").GetString());
        Assert.Equal("nonce", fields[1].GetProperty("type").GetString());
        Assert.Equal("26a37bb1d1414ab7", fields[1].GetProperty("encryptedPaymentId").GetString());
        Assert.Equal(JsonValueKind.Null, fields[1].GetProperty("arbitraryData").ValueKind);
    }

    [Fact]
    public async Task DecodeTx_FromAFileAndFromStandardInput_PrintTheSame()
    {
        var hex = Vector(2).GetProperty("hex").GetString()!;
        var path = Path.Combine(Path.GetTempPath(), $"xmr-decode-{Guid.NewGuid():N}.hex");
        await File.WriteAllTextAsync(path, hex + "\n", TestContext.Current.CancellationToken);
        try
        {
            var fromFile = await Xmr("decode-tx", path);
            var fromInput = await StandardInput.WithInputAsync(hex, () => Xmr("decode-tx", "-"));

            Assert.True(fromFile.ExitCode == 0, fromFile.ToString());
            Assert.Equal((await Xmr("decode-tx", hex)).Output, fromFile.Output);
            Assert.Equal(fromFile.Output, fromInput.Output);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task DecodeTx_TruncatedTransaction_ExitsWith1NamingTheProblemWithoutAStackTrace()
    {
        var hex = Vector(2).GetProperty("hex").GetString()!;

        var result = await Xmr("decode-tx", hex[..200]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Not a valid transaction:", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task DecodeTx_MissingFile_ExitsWith1()
    {
        var result = await Xmr("decode-tx", "/nonexistent/tx.hex");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Cannot read /nonexistent/tx.hex", result.Error, StringComparison.Ordinal);
    }

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

    private static JsonElement Vector(int index)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Vector("monero/serai-transactions.json")));
        return json.RootElement[index].Clone();
    }

    private static Task<CtlResult> Xmr(params string[] args) => CtlHarness.RunAsync(null, ["xmr", .. args]);
}
