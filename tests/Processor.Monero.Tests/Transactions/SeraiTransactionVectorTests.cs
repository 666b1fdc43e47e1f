using System.Text.Json;
using System.Text.Json.Nodes;
using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.Transactions;

/// <summary>Serai's five mainnet transactions (v1, v2 coinbase, RCT type 5 twice, RCT type 6) and its CLSAG test transaction.</summary>
public sealed class SeraiTransactionVectorTests
{
    public static TheoryData<string> TransactionIds() =>
        [.. RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    [Theory]
    [MemberData(nameof(TransactionIds))]
    public void Transaction_ReserializesToTheSameBytes(string id)
    {
        var bytes = Convert.FromHexString(Vector(id).GetProperty("hex").GetString()!);
        Assert.Equal(bytes, MoneroTransaction.Parse(bytes).Serialize());
    }

    [Theory]
    [MemberData(nameof(TransactionIds))]
    public void Transaction_HashesToItsId(string id) =>
        Assert.Equal(id, Convert.ToHexStringLower(MoneroTransaction.ParseHex(Vector(id).GetProperty("hex").GetString()!).Hash()));

    [Theory]
    [MemberData(nameof(TransactionIds))]
    public void Transaction_FieldsEqualMonerodsDecoding(string id)
    {
        var vector = Vector(id);
        var expected = JsonNode.Parse(vector.GetProperty("tx").GetRawText());
        var actual = MonerodJson.Of(MoneroTransaction.ParseHex(vector.GetProperty("hex").GetString()!));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected\n{expected}\nactual\n{actual}");
    }

    [Theory]
    [MemberData(nameof(TransactionIds))]
    public void RingCtTransaction_SignatureHashMatches(string id)
    {
        var vector = Vector(id);
        var tx = MoneroTransaction.ParseHex(vector.GetProperty("hex").GetString()!);
        var expected = vector.GetProperty("signature_hash").GetString()!;
        if (tx.Prunable is null)
        {
            // The coinbase has none; the v1 vector's is its prefix hash, what v1 ring signatures sign.
            Assert.Throws<InvalidOperationException>(tx.SignatureHash);
            Assert.Equal(expected, tx.Prefix.Version == 1 ? Convert.ToHexStringLower(tx.Prefix.Hash()) : "");
            return;
        }

        Assert.Equal(expected, Convert.ToHexStringLower(tx.SignatureHash()));
    }

    [Fact]
    public void ClsagTestTransaction_ParsesReserializesAndMatchesMonerodsDecoding()
    {
        var vector = RepositoryPaths.VectorJson("monero/serai-clsag_tx.json");
        var bytes = Convert.FromHexString(vector.GetProperty("hex").GetString()!);
        var tx = MoneroTransaction.Parse(bytes);

        Assert.Equal(bytes, tx.Serialize());
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(vector.GetProperty("tx").GetRawText()), MonerodJson.Of(tx)));
        Assert.Equal(RctType.BulletproofPlus, tx.RctBase!.Type);
        // Computed only (the reference notes it was not checked against a chain); recorded so a change is noticed.
        Assert.Equal("efd109f6cec3530a98c5d87d5058ed87fd616d8afdcf6655a11ac8a6b56ab27e", Convert.ToHexStringLower(tx.Hash()));
        // Two outputs: no clawback, the weight is the size (wallet-rpc paid for weight 2166 on such a transaction).
        Assert.Equal((ulong)bytes.Length, tx.Weight());
    }

    private static JsonElement Vector(string id) =>
        RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray().Single(v => v.GetProperty("id").GetString() == id);
}
