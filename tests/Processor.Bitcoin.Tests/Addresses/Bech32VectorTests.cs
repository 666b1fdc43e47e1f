using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Tests.Support;

namespace Processor.Bitcoin.Tests.Addresses;

/// <summary>The BIP173 and BIP350 test vectors: bech32/bech32m strings and segwit addresses.</summary>
public sealed class Bech32VectorTests
{
    public static TheoryData<string, Bech32Variant> ValidStrings()
    {
        var data = new TheoryData<string, Bech32Variant>();
        foreach (var (key, variant) in new[] { ("bech32", Bech32Variant.Bech32), ("bech32m", Bech32Variant.Bech32m) })
        {
            foreach (var s in VectorFiles.Bech32.GetProperty(key).GetProperty("valid").EnumerateArray())
            {
                data.Add(s.GetString()!, variant);
            }
        }

        return data;
    }

    public static TheoryData<string, string> InvalidStrings() => new(Invalid("bech32", "string").Concat(Invalid("bech32m", "string")));

    public static TheoryData<string, string> ValidAddresses() => new(VectorFiles.Bech32.GetProperty("bech32m_segwit_addresses").GetProperty("valid")
        .EnumerateArray().Select(a => (a.GetProperty("address").GetString()!, a.GetProperty("scriptPubKey").GetString()!)));

    public static TheoryData<string, string> InvalidAddresses() => new(Invalid("bech32m_segwit_addresses", "address"));

    [Theory]
    [MemberData(nameof(ValidStrings))]
    public void ValidString_DecodesWithItsVariantAndReEncodesInLowerCase(string text, Bech32Variant variant)
    {
        var decoded = Bech32.Decode(text);

        Assert.Equal(variant, decoded.Variant);
        Assert.Equal(text.ToLowerInvariant(), Bech32.Encode(decoded.Hrp, decoded.Data, decoded.Variant));
    }

    [Theory]
    [MemberData(nameof(InvalidStrings))]
    public void InvalidString_IsRejected(string text, string reason)
    {
        var ex = Assert.Throws<AddressFormatException>(() => Bech32.Decode(text));

        Assert.False(string.IsNullOrEmpty(ex.Message), reason);
    }

    [Theory]
    [MemberData(nameof(ValidAddresses))]
    public void ValidSegwitAddress_DecodesToItsScriptPubKeyAndReEncodes(string address, string scriptPubKey)
    {
        var hrp = address[..address.LastIndexOf('1')].ToLowerInvariant();

        var decoded = SegwitAddress.Decode(hrp, address);

        Assert.Equal(scriptPubKey, Convert.ToHexStringLower(Scripts.ScriptPubKeys.PayToWitness(decoded.Version, decoded.Program)));
        Assert.Equal(address.ToLowerInvariant(), decoded.Encode(hrp));
    }

    [Theory]
    [MemberData(nameof(InvalidAddresses))]
    public void InvalidSegwitAddress_IsRejectedForMainnetAndTestnet(string address, string reason)
    {
        foreach (var hrp in new[] { "bc", "tb" })
        {
            var ex = Assert.Throws<AddressFormatException>(() => SegwitAddress.Decode(hrp, address));
            Assert.False(string.IsNullOrEmpty(ex.Message), reason);
        }
    }

    [Fact]
    public void Bech32ChecksumOnATaprootAddress_NamesTheWrongVariant()
    {
        var ex = Assert.Throws<AddressFormatException>(
            () => SegwitAddress.Decode("bc", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd"));

        Assert.Contains("needs a Bech32m checksum", ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<(string, string)> Invalid(string section, string field) =>
        VectorFiles.Bech32.GetProperty(section).GetProperty("invalid").EnumerateArray()
            .Select(i => (i.GetProperty(field).GetString()!, i.GetProperty("reason").GetString()!));
}
