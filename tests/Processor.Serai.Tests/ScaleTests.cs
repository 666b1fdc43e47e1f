using System.Text.Json;
using Processor.Serai.Scale;

namespace Processor.Serai.Tests;

/// <summary>SCALE's building blocks against <c>scale-basics.json</c>: canonical compact integers, strict rejections, examples.</summary>
public sealed class ScaleTests
{
    private static readonly JsonElement Vectors = SeraiVectors.Load("scale-basics.json");

    public static TheoryData<string> CompactValues() => [.. Vectors.GetProperty("compact").EnumerateArray().Select(c => c.Text("value"))];

    public static TheoryData<string> NonCanonicalCompacts() =>
        [.. Vectors.GetProperty("non_canonical_compact_u32").EnumerateArray().Select(c => c.Text("encoded_hex"))];

    public static TheoryData<string, string> Examples() =>
        [.. Vectors.GetProperty("examples").EnumerateArray().Select(e => (e.Text("type"), e.Text("value")))];

    [Theory]
    [MemberData(nameof(CompactValues))]
    public void Compact_EncodesInItsCanonicalMode(string value)
    {
        var vector = Compact(value);
        var writer = new ScaleWriter();

        writer.WriteCompact(ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(vector.Text("encoded_hex"), Convert.ToHexStringLower(writer.ToArray()));
        Assert.Equal(writer.Length, ScaleCompact.EncodedLength(ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [MemberData(nameof(CompactValues))]
    public void CompactU32_DecodesWhatFitsAU32_AndRejectsTheRest(string value)
    {
        var vector = Compact(value);
        var encoded = vector.GetProperty("encoded_hex").Hex();

        if (vector.GetProperty("valid_as_compact_u32").GetBoolean())
        {
            var reader = new ScaleReader(encoded);
            Assert.Equal(value, reader.ReadCompactU32().ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(0, reader.Remaining);
        }
        else
        {
            var error = Assert.Throws<ScaleDecodingException>(() => new ScaleReader(encoded).ReadCompactU32());
            Assert.StartsWith("compact out of range for u32", error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(NonCanonicalCompacts))]
    public void NonCanonicalCompact_IsRejectedWithItsReason(string encodedHex)
    {
        var vector = Vectors.GetProperty("non_canonical_compact_u32").EnumerateArray().Single(c => c.Text("encoded_hex") == encodedHex);

        var error = Assert.Throws<ScaleDecodingException>(() => new ScaleReader(Convert.FromHexString(encodedHex)).ReadCompactU32());

        Assert.Equal(vector.Text("spec_decoder_error"), error.Message);
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_EncodesAsTheVectorSays(string type, string value)
    {
        var vector = Vectors.GetProperty("examples").EnumerateArray().Single(e => e.Text("type") == type && e.Text("value") == value);
        var writer = new ScaleWriter();

        Write(writer, type, value);

        Assert.Equal(vector.Text("encoded_hex"), Convert.ToHexStringLower(writer.ToArray()));
    }

    [Fact]
    public void EnumIndices_AreSerais()
    {
        var indices = Vectors.GetProperty("enum_indices");

        foreach (var network in indices.GetProperty("NetworkId").EnumerateObject())
        {
            Assert.Equal(network.Value.GetInt32(), (int)Enum.Parse<NetworkId>(network.Name));
        }

        foreach (var coin in indices.GetProperty("Coin").EnumerateObject())
        {
            Assert.Equal(coin.Value.GetInt32(), (int)Enum.Parse<Coin>(coin.Name));
        }

        Assert.Equal([0, 1], new InInstruction[] { new InInstruction.Transfer(new SeraiAddress(new byte[32])), new InInstruction.Dex(new Data([])) }
            .Select(i => (int)i.Encode()[0]));
    }

    [Fact]
    public void ReadingPastTheEnd_IsRejectedWithWhatWasMissing()
    {
        var error = Assert.Throws<ScaleDecodingException>(() => new ScaleReader([1, 2, 3]).ReadU32());

        Assert.Equal("not enough data: need 4 byte(s) at offset 0, have 3", error.Message);
    }

    [Fact]
    public void UndeclaredOptionTag_IsRejected()
    {
        var error = Assert.Throws<ScaleDecodingException>(() => new ScaleReader([2]).ReadOptionTag("data"));

        Assert.Equal("invalid Option tag 2 for data at offset 0", error.Message);
    }

    private static JsonElement Compact(string value) =>
        Vectors.GetProperty("compact").EnumerateArray().Single(c => c.Text("value") == value);

    // The vector describes each example in words; this maps the description to the value it names.
    private static void Write(ScaleWriter writer, string type, string value)
    {
        switch (type)
        {
            case "u32":
                writer.WriteU32(uint.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "u64":
                writer.WriteU64(ulong.Parse(value, System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "Vec<u8> (Bytes)":
                writer.WriteLengthPrefixed(BytesNamed(value));
                break;
            case "Option<Vec<u8>>" when value == "None":
                writer.WriteOptionTag(false);
                break;
            case "Option<Vec<u8>>":
                writer.WriteOptionTag(true);
                writer.WriteLengthPrefixed(BytesNamed(value["Some(".Length..^1]));
                break;
            case "[u8; 4]":
                writer.WriteBytes(BytesNamed(value));
                break;
            case "NetworkId":
                writer.Write(Enum.Parse<NetworkId>(value));
                break;
            case "Coin":
                writer.Write(Enum.Parse<Coin>(value));
                break;
            case "Balance":
                var parts = value.Trim('{', '}').Split(',', StringSplitOptions.TrimEntries);
                new Balance(Enum.Parse<Coin>(parts[0]["coin: ".Length..]), new Amount(ulong.Parse(parts[1]["amount: ".Length..], System.Globalization.CultureInfo.InvariantCulture)))
                    .WriteTo(writer);
                break;
            default:
                throw new InvalidOperationException($"No example writer for {type}.");
        }
    }

    private static byte[] BytesNamed(string value) => value switch
    {
        "empty" => [],
        "64 bytes of 0x00 (length needs the two-byte mode)" => new byte[64],
        _ when value.StartsWith("0x", StringComparison.Ordinal) => Convert.FromHexString(value[2..]),
        _ => throw new InvalidOperationException($"No bytes for {value}."),
    };
}
