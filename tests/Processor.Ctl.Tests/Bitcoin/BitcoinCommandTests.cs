using System.Text.Json;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;
using Processor.Testing;

namespace Processor.Ctl.Tests.Bitcoin;

/// <summary><c>processorctl btc</c>: decoding real blocks and transactions to JSON, and deriving the processor's addresses.</summary>
[Collection(StandardInput.Name)]
public sealed class BitcoinCommandTests
{
    private const string PreSegwitBlock = "mainnet-pre-segwit-0000000000013b8ab2cd513b0261a14096412195a72a0c4827d229dcc7e0f7af.hex";
    private const string TestnetBlock = "testnet3-924634-000000000000045e0b1660b6445b5e5c5ab63c9a4f956be7e1e69be04fa4497b.hex";
    private static readonly string[] AcceptedWitnessCommitments = ["valid", "not-present"];

    public static TheoryData<string, string> RealBlocks => new()
    {
        { "mainnet-702861-000000000000000000000c835b2adcaedc20fdf6ee440009c249452c726dafae.hex", "mainnet" },
        { PreSegwitBlock, "mainnet" },
        { TestnetBlock, "testnet" },
    };

    [Theory]
    [MemberData(nameof(RealBlocks))]
    public async Task DecodeBlock_PrintsTheVerifiedBlockWithEveryTxid(string file, string network)
    {
        var path = RepositoryPaths.Vector("blocks/" + file);
        var block = Block.ParseHex(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        var result = await Btc("decode-block", path, "--network", network);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(Path.GetFileNameWithoutExtension(file).Split('-')[^1], root.GetProperty("hash").GetString());
        Assert.True(root.GetProperty("merkleRootValid").GetBoolean());
        Assert.True(root.GetProperty("proofOfWorkValid").GetBoolean());
        Assert.Contains(root.GetProperty("witnessCommitment").GetString(), AcceptedWitnessCommitments);
        Assert.Equal(block.Transactions.Length, root.GetProperty("transactionCount").GetInt32());
        Assert.Equal(
            block.Transactions.Select(t => t.Txid.ToString()),
            root.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("txid").GetString()));
        Assert.Equal(block.Weight, root.GetProperty("weight").GetInt32());
    }

    [Fact]
    public async Task DecodeTxFromStandardInput_PrintsIdsSizesAndAddresses()
    {
        var block = Block.ParseHex(await File.ReadAllTextAsync(
            RepositoryPaths.Vector("blocks/" + TestnetBlock), TestContext.Current.CancellationToken));
        var coinbase = block.Transactions[0];

        var result = await StandardInput.WithInputAsync(
            Convert.ToHexStringLower(coinbase.Serialized.Span) + "\n", () => Btc("decode-tx", "-", "--network", "testnet"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(coinbase.Txid.ToString(), root.GetProperty("txid").GetString());
        Assert.Equal(coinbase.ComputeWtxid().ToString(), root.GetProperty("wtxid").GetString());
        Assert.Equal(root.GetProperty("wtxid").GetString(), root.GetProperty("hash").GetString());
        Assert.Equal((222, 195, 780), (root.GetProperty("size").GetInt32(), root.GetProperty("vsize").GetInt32(), root.GetProperty("weight").GetInt32()));
        Assert.True(root.GetProperty("coinbase").GetBoolean());
        Assert.Equal(uint.MaxValue, root.GetProperty("inputs")[0].GetProperty("vout").GetUInt32());
        Assert.Equal(new string('0', 64), root.GetProperty("inputs")[0].GetProperty("witness")[0].GetString());
        var outputs = root.GetProperty("outputs");
        Assert.Equal("pubkeyhash", outputs[0].GetProperty("type").GetString());
        Assert.Equal("mss5NFyX96ix4erFMamR1gK3SsvUSMWcjE", outputs[0].GetProperty("address").GetString());
        Assert.Equal(312_665_524, outputs[0].GetProperty("value").GetInt64());
        Assert.Equal("nulldata", outputs[1].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Null, outputs[1].GetProperty("address").ValueKind);
    }

    [Fact]
    public async Task BlockWithAWrongMerkleRoot_IsPrintedAndExitsWith1()
    {
        var bytes = Convert.FromHexString((await File.ReadAllTextAsync(
            RepositoryPaths.Vector("blocks/" + PreSegwitBlock), TestContext.Current.CancellationToken)).Trim());
        bytes[40] ^= 0xff;
        var path = Path.Combine(Path.GetTempPath(), $"btc-decode-{Guid.NewGuid():N}.hex");
        await File.WriteAllTextAsync(path, Convert.ToHexString(bytes), TestContext.Current.CancellationToken);
        try
        {
            var result = await Btc("decode-block", path);

            Assert.True(result.ExitCode == 1, result.ToString());
            using var json = JsonDocument.Parse(result.Output);
            Assert.False(json.RootElement.GetProperty("merkleRootValid").GetBoolean());
            Assert.Contains("does not verify: merkleRootValid=False", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TruncatedTransaction_ExitsWith1NamingTheFieldWithoutAStackTrace()
    {
        var result = await StandardInput.WithInputAsync("0100000001", () => Btc("decode-tx", "-"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Not a valid transaction: Truncated input count: 1 declared", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task MissingFile_ExitsWith1()
    {
        var result = await Btc("decode-block", "/nonexistent/block.hex");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Cannot read /nonexistent/block.hex", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("network_key_xonly_hex", "mainnet")]
    [InlineData("network_key_sec1_hex", "testnet")]
    [InlineData("network_key_xonly_hex", "regtest")]
    public async Task Address_PrintsTheVectorsFourKindsOfTheNetworkKey(string keyForm, string network)
    {
        // key_2: an odd group key whose Branch and Forwarded offsets needed increments.
        var vector = SeraiKey("key_2");

        var result = await Btc("address", "--key", vector.GetProperty(keyForm).GetString()!, "--network", network);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(network, root.GetProperty("network").GetString());
        Assert.Equal(vector.GetProperty("network_key_xonly_hex").GetString(), root.GetProperty("networkKey").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("tweak").ValueKind);
        AssertKindsMatch(vector, root.GetProperty("addresses"), network);
    }

    [Fact]
    public async Task AddressFromTheGroupKey_ShowsTheTweakAndTheNetworkKey()
    {
        var vector = SeraiKey("key_4");

        var result = await Btc("address", "--group-key", vector.GetProperty("group_key_sec1_hex").GetString()!);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        var root = json.RootElement;
        Assert.Equal(vector.GetProperty("group_key_sec1_hex").GetString(), root.GetProperty("groupKey").GetString());
        Assert.Equal(vector.GetProperty("total_tweak_hex").GetString(), root.GetProperty("tweak").GetString());
        Assert.Equal(vector.GetProperty("network_key_xonly_hex").GetString(), root.GetProperty("networkKey").GetString());
        AssertKindsMatch(vector, root.GetProperty("addresses"), "mainnet");
    }

    [Fact]
    public async Task AddressOnLitecoinRegtest_IsWhatTheScannerWatches()
    {
        var networkKey = SeraiKey("key_0").GetProperty("network_key_xonly_hex").GetString()!;

        var result = await Btc("address", "--key", networkKey, "--network", "litecoin-regtest");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Output);
        Assert.Equal(
            AddressKinds.All.Select(k => AddressKinds.Address(Convert.FromHexString(networkKey), k, BitcoinNetwork.LitecoinRegtest)),
            json.RootElement.GetProperty("addresses").EnumerateArray().Select(a => a.GetProperty("address").GetString()));
    }

    [Theory]
    [InlineData("--key: A network key is 32 bytes (x-only) or 33 bytes (02 ‖ x), not 1", "btc", "address", "--key", "00")]
    [InlineData("--key expects hexadecimal digits", "btc", "address", "--key", "xyz")]
    [InlineData("--key: Not a point on secp256k1", "btc", "address", "--key",
        "eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34")]
    [InlineData("--key: A 33-byte network key starts with 02", "btc", "address", "--key",
        "03f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9")]
    [InlineData("--group-key: A group key is a 33-byte compressed secp256k1 point", "btc", "address", "--group-key",
        "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9")]
    [InlineData("Give exactly one of --key", "btc", "address")]
    [InlineData("Give exactly one of --key", "btc", "address", "--key", "f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9",
        "--group-key", "02f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9")]
    [InlineData("Argument 'dogecoin' not recognized", "btc", "decode-tx", "-", "--network", "dogecoin")]
    public async Task WrongCommandLine_ExitsWith2AndNamesTheProblem(string problem, params string[] args)
    {
        var result = await CtlHarness.RunAsync(environment: null, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(problem, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void BlockHashFromTheFileName_IsTheDisplayForm() =>
        Assert.Equal(
            "000000000000045e0b1660b6445b5e5c5ab63c9a4f956be7e1e69be04fa4497b",
            Hash256.Parse("000000000000045e0b1660b6445b5e5c5ab63c9a4f956be7e1e69be04fa4497b").ToString());

    private static Task<CtlResult> Btc(params string[] args) => CtlHarness.RunAsync(environment: null, ["btc", .. args]);

    private static JsonElement SeraiKey(string name) =>
        RepositoryPaths.VectorJson("serai/bitcoin-keys.json").GetProperty("keys").EnumerateArray()
            .Single(k => k.GetProperty("name").GetString() == name);

    /// <summary>The printed kinds, in order, against the vector's outputs (the vector capitalizes kind names).</summary>
    private static void AssertKindsMatch(JsonElement vector, JsonElement printed, string network)
    {
        Assert.Equal(
            ["external", "branch", "change", "forwarded"], printed.EnumerateArray().Select(a => a.GetProperty("kind").GetString()));
        foreach (var (entry, kind) in printed.EnumerateArray().Zip(AddressKinds.All))
        {
            var expected = vector.GetProperty("outputs").GetProperty(kind.ToString());
            Assert.Equal(expected.GetProperty("offset_hex").GetString(), entry.GetProperty("offset").GetString());
            Assert.Equal(expected.GetProperty("output_key_xonly_hex").GetString(), entry.GetProperty("outputKey").GetString());
            Assert.Equal(expected.GetProperty("script_pubkey_hex").GetString(), entry.GetProperty("scriptPubKey").GetString());
            Assert.Equal(expected.GetProperty("addresses").GetProperty(network).GetString(), entry.GetProperty("address").GetString());
        }
    }
}
