using System.Text.Json;

namespace Processor.Serai.Tests;

/// <summary><see cref="SetKeysMessage"/> against <c>set-keys-message.json</c>, with A's and next's prefixes.</summary>
public sealed class SetKeysMessageTests
{
    private static readonly JsonElement Cases = SeraiVectors.Load("set-keys-message.json").GetProperty("cases");

    public static TheoryData<string, SeraiRevision> CasesAndRevisions() =>
        [.. Cases.EnumerateArray().Select(c => c.Text("name")).SelectMany(name => new[] { (name, SeraiRevision.A), (name, SeraiRevision.Next) })];

    [Theory]
    [MemberData(nameof(CasesAndRevisions))]
    public void Of_IsThePrefixThenTheSetAndTheKeyPair(string name, SeraiRevision revision)
    {
        var vector = Cases.Named(name);
        var keyPair = new KeyPair(vector.GetProperty("ristretto_key_hex").Hex(), vector.GetProperty("external_key_hex").Hex());

        var message = SetKeysMessage.Of(vector.GetProperty("session").GetUInt32(), Enum.Parse<NetworkId>(vector.Text("network")), keyPair, revision);

        Assert.Equal(vector.Text(revision == SeraiRevision.A ? "message_hex" : "message_at_next_hex"), Convert.ToHexStringLower(message));
    }

    [Fact]
    public void NetworkKeyOver96Bytes_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KeyPair(new byte[32], new byte[97]));

        Assert.StartsWith("A network key is at most 96 bytes, not 97.", error.Message, StringComparison.Ordinal);
    }
}
