using System.Text.Json;
using Processor.Serai.Scale;

namespace Processor.Serai.Tests;

/// <summary>The SCALE parts of <c>bitcoin-external-address.json</c>: an ExternalAddress inside a structure, and a Burn.</summary>
public sealed class ExternalAddressTests
{
    private static readonly JsonElement Vectors = SeraiVectors.Load("bitcoin-external-address.json");

    public static TheoryData<string> Variants() => [.. Vectors.GetProperty("valid").EnumerateArray().Select(v => v.Text("variant"))];

    public static TheoryData<string> BurnEncodings() => ["encoded_hex", "with_data_encoded_hex"];

    [Theory]
    [MemberData(nameof(Variants))]
    public void ExternalAddress_IsItsCompactLengthThenItsBytes(string variant)
    {
        var vector = Vectors.GetProperty("valid").EnumerateArray().Single(v => v.Text("variant") == variant);
        var writer = new ScaleWriter();

        new ExternalAddress(vector.GetProperty("encoded_address_hex").Hex()).WriteTo(writer);

        Assert.Equal(vector.Text("external_address_scale_hex"), Convert.ToHexStringLower(writer.ToArray()));
        var reader = new ScaleReader(writer.ToArray());
        Assert.Equal(vector.Text("encoded_address_hex"), ExternalAddress.Read(ref reader).ToString());
    }

    [Theory]
    [MemberData(nameof(BurnEncodings))]
    public void Burn_EncodesAndDecodesAsTheVectorSays(string field)
    {
        var p2tr = Vectors.GetProperty("valid").EnumerateArray().Single(v => v.Text("variant") == "P2TR").GetProperty("encoded_address_hex").Hex();
        var data = field == "encoded_hex" ? null : new Data([0xc0, 0xff, 0xee]);
        var burn = new OutInstructionWithBalance(new OutInstruction(new ExternalAddress(p2tr), data), new Balance(Coin.Bitcoin, new Amount(100_000_000)));
        var encoded = Vectors.GetProperty("burn").GetProperty(field).Hex();

        Assert.Equal(Convert.ToHexStringLower(encoded), Convert.ToHexStringLower(burn.Encode()));
        Assert.Equal(burn, OutInstructionWithBalance.Decode(encoded));
    }

    [Fact]
    public void ExternalAddressOver196Bytes_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ExternalAddress(new byte[197]));

        Assert.StartsWith("A ExternalAddress is 0 to 196 bytes, not 197.", error.Message, StringComparison.Ordinal);
    }
}
