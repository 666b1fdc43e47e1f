using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;

namespace Processor.Bitcoin.Tests.Addresses;

/// <summary>Scripts to addresses and back, for every template and for the network's prefixes.</summary>
public sealed class BitcoinAddressTests
{
    // Well-known mainnet addresses: the genesis coinbase key's P2PKH address and BIP173's example P2WPKH and P2WSH.
    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "76a91462e907b15cbf27d5425399ebf6f0fb50ebb88f1888ac", ScriptKind.PayToPublicKeyHash)]
    [InlineData("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "a914b472a266d0bd89c13706a4132ccfb16f7c3b9fcb87", ScriptKind.PayToScriptHash)]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", "0014751e76e8199196d454941c45d1b3a323f1433bd6", ScriptKind.PayToWitnessPublicKeyHash)]
    [InlineData("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262", ScriptKind.PayToWitnessScriptHash)]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
        "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", ScriptKind.PayToTaproot)]
    public void MainnetAddress_AndItsScript_ConvertBothWays(string address, string scriptHex, ScriptKind kind)
    {
        var script = Convert.FromHexString(scriptHex);

        Assert.Equal(kind, ScriptPubKeys.Classify(script));
        Assert.Equal(address, BitcoinAddress.FromScriptPubKey(script, BitcoinNetwork.Mainnet));
        Assert.Equal(script, BitcoinAddress.ToScriptPubKey(address, BitcoinNetwork.Mainnet));
    }

    [Fact]
    public void SameScript_GetsEachNetworksPrefix()
    {
        var taproot = ScriptPubKeys.PayToTaproot(Convert.FromHexString("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"));
        var p2sh = ScriptPubKeys.PayToScriptHash(new byte[20]);

        Assert.StartsWith("tb1p", BitcoinAddress.FromScriptPubKey(taproot, BitcoinNetwork.Signet), StringComparison.Ordinal);
        Assert.StartsWith("bcrt1p", BitcoinAddress.FromScriptPubKey(taproot, BitcoinNetwork.Regtest), StringComparison.Ordinal);
        Assert.StartsWith("rltc1p", BitcoinAddress.FromScriptPubKey(taproot, BitcoinNetwork.LitecoinRegtest), StringComparison.Ordinal);
        Assert.StartsWith("2", BitcoinAddress.FromScriptPubKey(p2sh, BitcoinNetwork.Testnet), StringComparison.Ordinal);
        Assert.StartsWith("Q", BitcoinAddress.FromScriptPubKey(p2sh, BitcoinNetwork.LitecoinRegtest), StringComparison.Ordinal);
    }

    [Fact]
    public void AddressOfAnotherNetwork_IsRejected()
    {
        Assert.Throws<AddressFormatException>(() => BitcoinAddress.ToScriptPubKey("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", BitcoinNetwork.Testnet));
        Assert.Throws<AddressFormatException>(() => BitcoinAddress.ToScriptPubKey("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", BitcoinNetwork.Regtest));
    }

    [Fact]
    public void Base58AddressWithABadChecksum_IsRejected()
    {
        var ex = Assert.Throws<AddressFormatException>(() => BitcoinAddress.ToScriptPubKey("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", BitcoinNetwork.Mainnet));

        Assert.Contains("checksum", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("6a0401020304", ScriptKind.NullData)]
    [InlineData("5221000000", ScriptKind.NonStandard)]
    [InlineData("0010" + "00000000000000000000000000000000", ScriptKind.NonStandard)]
    [InlineData("6002751e", ScriptKind.WitnessUnknown)]
    public void ScriptWithoutAStandardAddress_IsClassifiedAndOnlyWitnessOnesGetAnAddress(string scriptHex, ScriptKind kind)
    {
        var script = Convert.FromHexString(scriptHex);

        Assert.Equal(kind, ScriptPubKeys.Classify(script));
        Assert.Equal(kind == ScriptKind.WitnessUnknown, BitcoinAddress.FromScriptPubKey(script, BitcoinNetwork.Mainnet) is not null);
    }
}
