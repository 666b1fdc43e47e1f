using System.Text.Json;
using Processor.Bitcoin.Plugin;
using Processor.Testing;

namespace Processor.Bitcoin.Tests.Plugin;

/// <summary>Serai's ExternalAddress bytes ↔ scriptPubKey (serai-chain-formats.md §7), against bitcoin-external-address.json.</summary>
public sealed class SeraiExternalAddressTests
{
    private static JsonElement Vectors => RepositoryPaths.VectorJson("serai/bitcoin-external-address.json");

    public static TheoryData<string> Valid() => [.. Vectors.GetProperty("valid").EnumerateArray().Select(v => v.GetProperty("address").GetString()!)];

    public static TheoryData<string> Invalid() => [.. Vectors.GetProperty("invalid").EnumerateArray().Select(v => v.GetProperty("name").GetString()!)];

    [Theory]
    [MemberData(nameof(Valid))]
    public void ValidAddress_NamesTheVectorsScript_BothWays(string address)
    {
        var vector = Vectors.GetProperty("valid").EnumerateArray().Single(v => v.GetProperty("address").GetString() == address);
        var encoded = Convert.FromHexString(vector.GetProperty("encoded_address_hex").GetString()!);
        var script = Convert.FromHexString(vector.GetProperty("script_pubkey_hex").GetString()!);

        Assert.Equal(script, SeraiExternalAddress.ToScriptPubKey(encoded));
        Assert.Equal(encoded, SeraiExternalAddress.FromScriptPubKey(script));
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void InvalidAddress_IsRejected_OrItsTrailingBytesIgnoredAsAtA(string name)
    {
        var vector = Vectors.GetProperty("invalid").EnumerateArray().Single(v => v.GetProperty("name").GetString() == name);
        var encoded = Convert.FromHexString(vector.GetProperty("encoded_hex").GetString()!);

        var script = SeraiExternalAddress.ToScriptPubKey(encoded);

        Assert.Equal(vector.GetProperty("expected_at_A").GetString()!.StartsWith("accept", StringComparison.Ordinal), script is not null);
    }
}
