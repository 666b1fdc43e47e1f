using System.Text.Json;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Tests.Support;

namespace Processor.Bitcoin.Tests.Plugin;

/// <summary>Serai's ExternalAddress bytes ⇄ scriptPubKey, against <c>serai/bitcoin-external-address.json</c>.</summary>
public sealed class SeraiExternalAddressTests
{
    public static TheoryData<string> Valid => [.. Entries("valid").Select(v => v.GetProperty("variant").GetString()!)];

    public static TheoryData<string> Invalid => [.. Entries("invalid").Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Valid))]
    public void EncodedAddress_NamesTheVectorsScript_AndTheScriptGivesItBack(string variant)
    {
        var vector = Entries("valid").Single(v => v.GetProperty("variant").GetString() == variant);
        var encoded = VectorFiles.Hex(vector.GetProperty("encoded_address_hex"));

        var script = SeraiExternalAddress.ToScriptPubKey(encoded);

        Assert.Equal(VectorFiles.Hex(vector.GetProperty("script_pubkey_hex")), script);
        Assert.Equal(encoded, SeraiExternalAddress.FromScriptPubKey(script));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidEncoding_NamesNoScript_ExceptTrailingBytesWhichRevisionAIgnores(string name)
    {
        var vector = Entries("invalid").Single(v => v.GetProperty("name").GetString() == name);
        var encoded = VectorFiles.Hex(vector.GetProperty("encoded_hex"));

        var script = SeraiExternalAddress.ToScriptPubKey(encoded);

        if (vector.GetProperty("expected_at_A").GetString()!.StartsWith("accept", StringComparison.Ordinal))
        {
            Assert.Equal(SeraiExternalAddress.ToScriptPubKey(encoded.AsSpan(0, encoded.Length - 1)), script);
        }
        else
        {
            Assert.Null(script);
        }
    }

    [Fact]
    public void BurnVector_DestinationNamesThePayToTaprootScript()
    {
        var burn = VectorFiles.Hex(VectorFiles.SeraiBitcoinExternalAddresses.GetProperty("burn").GetProperty("encoded_hex"));

        // Compact length 33 (0x84), then the ExternalAddress bytes.
        var script = SeraiExternalAddress.ToScriptPubKey(burn.AsSpan(1, 33));

        Assert.Equal("5120" + Convert.ToHexStringLower(burn.AsSpan(2, 32)), Convert.ToHexStringLower(script!));
    }

    private static JsonElement.ArrayEnumerator Entries(string group) => VectorFiles.SeraiBitcoinExternalAddresses.GetProperty(group).EnumerateArray();
}
