using System.Text.Json;
using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Networks;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Tests.Support;
using Processor.Crypto.Groups;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Tests.Addresses;

/// <summary>
/// Serai's Bitcoin keys and addresses (revision "next"), against every key of <c>serai/bitcoin-keys.json</c>: the network
/// key of a DKG group key, each kind's offset, output key, script and addresses, and the key that spends them.
/// </summary>
public sealed class AddressKindsTests
{
    private static readonly Secp256k1Group Curve = Secp256k1Group.Instance;

    private static readonly (string Name, BitcoinNetwork Network)[] VectorNetworks =
        [("mainnet", BitcoinNetwork.Mainnet), ("testnet", BitcoinNetwork.Testnet), ("regtest", BitcoinNetwork.Regtest)];

    public static TheoryData<string> Keys =>
        [.. VectorFiles.SeraiBitcoinKeys.GetProperty("keys").EnumerateArray().Select(k => k.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void GroupKey_GivesTheVectorsTweakAndNetworkKey(string name)
    {
        var vector = Key(name);

        var derivation = NetworkKey.FromGroupKey(Hex(vector, "group_key_sec1_hex"));

        Assert.Equal(Hex(vector, "total_tweak_hex"), derivation.Tweak);
        Assert.Equal(vector.GetProperty("make_even_increments").GetInt32(), derivation.MakeEvenIncrements);
        Assert.Equal(Hex(vector, "network_key_xonly_hex"), derivation.NetworkKey);
        Assert.Equal(Hex(vector, "network_key_sec1_hex"), derivation.NetworkKeySec1);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void EachKind_HasTheVectorsOffsetOutputKeyScriptAndAddresses_FromEitherKeyForm(string name)
    {
        var vector = Key(name);
        foreach (var networkKey in new[] { Hex(vector, "network_key_xonly_hex"), Hex(vector, "network_key_sec1_hex") })
        {
            foreach (var kind in AddressKinds.All)
            {
                var expected = vector.GetProperty("outputs").GetProperty(kind.ToString());

                Assert.Equal(Hex(expected, "offset_hex"), AddressKinds.Offset(networkKey, kind));
                Assert.Equal(Hex(expected, "output_key_xonly_hex"), AddressKinds.OutputKey(networkKey, kind));
                Assert.Equal(Hex(expected, "script_pubkey_hex"), AddressKinds.ScriptPubKey(networkKey, kind));
                Assert.Equal(ScriptKind.PayToTaproot, ScriptPubKeys.Classify(AddressKinds.ScriptPubKey(networkKey, kind)));
                foreach (var (network, parameters) in VectorNetworks)
                {
                    var address = AddressKinds.Address(networkKey, kind, parameters);
                    Assert.Equal(expected.GetProperty("addresses").GetProperty(network).GetString(), address);
                    Assert.Equal(AddressKinds.ScriptPubKey(networkKey, kind), BitcoinAddress.ToScriptPubKey(address, parameters));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void SpendSecret_IsGroupSecretPlusTweakPlusOffset_AndSignsTheVectorsBip340Signature(string name)
    {
        var vector = Key(name);
        var derivation = NetworkKey.FromGroupKey(Hex(vector, "group_key_sec1_hex"));
        using var groupSecret = Curve.DeserializeScalar(Hex(vector, "group_secret_hex"));
        using var tweak = Curve.DeserializeScalar(derivation.Tweak);
        foreach (var kind in AddressKinds.All)
        {
            var expected = vector.GetProperty("outputs").GetProperty(kind.ToString());
            var demo = expected.GetProperty("bip340_demo");
            using var offset = Curve.DeserializeScalar(AddressKinds.Offset(derivation.NetworkKey, kind));
            using var spendSecret = groupSecret + tweak + offset;
            var outputKey = AddressKinds.OutputKey(derivation.NetworkKey, kind);

            Assert.Equal(Hex(expected, "spend_secret_hex"), spendSecret.Serialize());
            Assert.Equal([0x02, .. outputKey], Curve.MultiplyGenerator(spendSecret).Serialize());
            var signature = Bip340.Sign(spendSecret.Serialize(), Hex(demo, "message_hex"), Hex(demo, "aux_rand_hex"));
            Assert.Equal(Hex(demo, "signature_hex"), signature);
            Assert.True(Bip340.Verify(signature, Hex(demo, "message_hex"), outputKey));
        }
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void OutputKeysOfTheFourKinds_AreDistinct(string name)
    {
        var networkKey = Hex(Key(name), "network_key_xonly_hex");

        Assert.Equal(4, AddressKinds.All.Select(k => Convert.ToHexString(AddressKinds.OutputKey(networkKey, k))).Distinct().Count());
    }

    [Fact]
    public void LitecoinRegtestAddress_UsesItsHrpAndDecodesToTheScript()
    {
        var networkKey = Hex(Key("key_0"), "network_key_xonly_hex");
        foreach (var kind in AddressKinds.All)
        {
            var address = AddressKinds.Address(networkKey, kind, BitcoinNetwork.LitecoinRegtest);

            Assert.StartsWith("rltc1p", address, StringComparison.Ordinal);
            Assert.Equal(
                AddressKinds.ScriptPubKey(networkKey, kind), BitcoinAddress.ToScriptPubKey(address, BitcoinNetwork.LitecoinRegtest));
        }
    }

    [Theory]
    [InlineData("0379a78517d39a73c6268ba907022d2b1144412988bd6bd059c0fb032fbbcc66c8", "starts with 02")]
    [InlineData("79a78517d39a73c6268ba907022d2b1144412988bd6bd059c0fb032fbbcc66", "not 31")]
    [InlineData("eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34", "Not a point on secp256k1")]
    public void MalformedNetworkKey_IsRejectedWithTheReason(string hex, string reason)
    {
        var ex = Assert.ThrowsAny<FormatException>(() => AddressKinds.ScriptPubKey(Convert.FromHexString(hex), AddressKind.External));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798", "not 32 bytes")]
    [InlineData("04eefdea4cdb677750a420fee807eacf21eb9898ae79b9768766e4faa04a2d4a34", "33-byte compressed point")]
    public void MalformedGroupKey_IsRejectedWithTheReason(string hex, string reason)
    {
        var ex = Assert.ThrowsAny<FormatException>(() => NetworkKey.FromGroupKey(Convert.FromHexString(hex)));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("external", AddressKind.External)]
    [InlineData("Branch", AddressKind.Branch)]
    [InlineData("CHANGE", AddressKind.Change)]
    [InlineData("forwarded", AddressKind.Forwarded)]
    public void KindName_ParsesCaseInsensitively(string name, AddressKind kind) => Assert.Equal(kind, AddressKinds.Parse(name));

    [Fact]
    public void UnknownKindName_ListsTheKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => AddressKinds.Parse("refund"));

        Assert.Contains("external, branch, change, forwarded", ex.Message, StringComparison.Ordinal);
    }

    private static JsonElement Key(string name) =>
        VectorFiles.SeraiBitcoinKeys.GetProperty("keys").EnumerateArray().Single(k => k.GetProperty("name").GetString() == name);

    private static byte[] Hex(JsonElement element, string property) => VectorFiles.Hex(element.GetProperty(property));
}
