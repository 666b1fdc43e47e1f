using System.Text.Json;

namespace Processor.Serai.Tests;

/// <summary>Serai A's Batch sign id against <c>batch-sign-id.json</c>.</summary>
public sealed class BatchSignIdTests
{
    private static readonly JsonElement Cases = SeraiVectors.Load("batch-sign-id.json").GetProperty("cases");

    public static TheoryData<string, uint> NetworksAndIds() =>
        [.. Cases.EnumerateArray().Select(c => (c.Text("network"), c.GetProperty("id").GetUInt32()))];

    [Theory]
    [MemberData(nameof(NetworksAndIds))]
    public void Of_IsTheTranscriptChallengesFirst32Bytes(string network, uint id)
    {
        var vector = Cases.EnumerateArray().Single(c => c.Text("network") == network && c.GetProperty("id").GetUInt32() == id);

        var signId = BatchSignId.Of(Enum.Parse<NetworkId>(network), id);

        Assert.Equal(vector.Text("sign_id_hex"), Convert.ToHexStringLower(signId));
    }

    [Fact]
    public void Blake2b512_OfTheTranscriptInput_IsTheVectorsDigest()
    {
        var vector = Cases[0];

        var digest = Processor.Crypto.Hashing.Blake2b.Hash512(vector.GetProperty("blake2b512_input_hex").Hex());

        Assert.Equal(vector.Text("blake2b512_hex"), Convert.ToHexStringLower(digest));
    }
}
