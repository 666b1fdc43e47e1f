using Microsoft.Extensions.Configuration;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Networks;

namespace Processor.Bitcoin.Tests.Networks;

/// <summary>Network parameters come from configuration: a built-in by name, with overrides, or fully custom.</summary>
public sealed class BitcoinNetworkTests
{
    [Theory]
    [InlineData("mainnet", "bc", "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f")]
    [InlineData("TESTNET", "tb", "000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943")]
    [InlineData("signet", "tb", "00000008819873e925422c1ff0f99f7cc9bbb232af63a077a480a3633bee1ef6")]
    [InlineData("regtest", "bcrt", "0f9188f13cb7b2c71f2a335e3a4fc328bf5beb436012afca590b1a11466e2206")]
    [InlineData("litecoin-regtest", "rltc", "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9")]
    public void BuiltInByName_HasItsPrefixAndGenesis(string name, string hrp, string genesis)
    {
        var network = BitcoinNetwork.FromName(name);

        Assert.Equal(hrp, network.Bech32Hrp);
        Assert.Equal(Hash256.Parse(genesis), network.GenesisHash);
        Assert.Equal(genesis, network.GenesisHash.ToString());
    }

    [Fact]
    public void OnlyLitecoind_HasNoSha256ProofOfWork() =>
        Assert.Equal(["litecoin-regtest"], BitcoinNetwork.BuiltIn.Where(n => !n.ProofOfWorkIsSha256).Select(n => n.Name));

    [Fact]
    public void UnknownName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => BitcoinNetwork.FromName("dogecoin"));

        Assert.Contains("mainnet, testnet, signet, regtest, litecoin-regtest", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OptionsNamingABuiltIn_OverrideOnlyWhatIsGiven()
    {
        var network = new BitcoinNetworkOptions { Name = "litecoin-regtest", Confirmations = 1 }.Resolve();

        Assert.Equal(BitcoinNetwork.LitecoinRegtest with { Confirmations = 1 }, network);
    }

    [Fact]
    public void OptionsBoundFromConfiguration_ResolveToTheNetwork()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{BitcoinNetworkOptions.SectionName}:Name"] = "regtest",
            [$"{BitcoinNetworkOptions.SectionName}:Bech32Hrp"] = "rltc",
            [$"{BitcoinNetworkOptions.SectionName}:ScriptHashPrefix"] = "58",
            [$"{BitcoinNetworkOptions.SectionName}:GenesisHash"] = "530827f38f93b43ed12af0b3ad25a288dc02ed74d6d7857862df51fc56c416f9",
            [$"{BitcoinNetworkOptions.SectionName}:Confirmations"] = "2",
            [$"{BitcoinNetworkOptions.SectionName}:ProofOfWorkIsSha256"] = "false",
        }).Build();

        var network = configuration.GetSection(BitcoinNetworkOptions.SectionName).Get<BitcoinNetworkOptions>()!.Resolve();

        Assert.Equal(BitcoinNetwork.LitecoinRegtest with { Name = "regtest", Confirmations = 2 }, network);
    }

    [Fact]
    public void OptionsForANewNetwork_NeedEveryParameter()
    {
        var options = new BitcoinNetworkOptions { Name = "mynet", Bech32Hrp = "my", PubKeyHashPrefix = 1, ScriptHashPrefix = 2 };

        var ex = Assert.Throws<ArgumentException>(options.Resolve);
        Assert.Contains("Bitcoin:Network:GenesisHash is required for 'mynet'", ex.Message, StringComparison.Ordinal);

        options.GenesisHash = new string('0', 64);
        options.ProofOfWorkIsSha256 = false;
        var network = options.Resolve();
        Assert.Equal("mynet", network.Name);
        Assert.Equal(BitcoinNetwork.DefaultConfirmations, network.Confirmations);
    }

    [Theory]
    [InlineData(0, 0L, "bc", "Confirmations must be at least 1")]
    [InlineData(6, -1L, "bc", "DustThreshold must not be negative")]
    [InlineData(6, 0L, "BC", "is not a lower-case bech32 prefix")]
    public void OutOfRangeOption_IsRejectedNamingIt(int confirmations, long dust, string hrp, string problem)
    {
        var options = new BitcoinNetworkOptions { Confirmations = confirmations, DustThreshold = dust, Bech32Hrp = hrp };

        var ex = Assert.Throws<ArgumentException>(options.Resolve);

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
