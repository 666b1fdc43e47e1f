using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.Transactions;

public sealed class TxExtraTests
{
    [Fact]
    public void SeraiVectorExtras_ParseFullyAndReserialize()
    {
        foreach (var vector in RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray())
        {
            var extra = MoneroTransaction.ParseHex(vector.GetProperty("hex").GetString()!).Prefix.Extra;
            var parsed = TxExtra.Parse(extra);
            Assert.True(parsed.IsFullyParsed, vector.GetProperty("id").GetString());
            Assert.NotNull(parsed.PublicKey);
            Assert.Equal(extra, parsed.Serialize());
        }
    }

    [Fact]
    public void CoinbaseExtra_HasKeyAndNonce()
    {
        // Serai's v2 coinbase vector: R, then a 17-byte nonce (mining pool data).
        var parsed = TxExtra.Parse(Convert.FromHexString("0173f263b8a4bbc46dfb6f29e0584adbfffdf7a47c929d77c2d0c142afea2b05300211000000f7eeeb3f0e00000000000000000000"));
        Assert.True(parsed.IsFullyParsed);
        Assert.Equal("73f263b8a4bbc46dfb6f29e0584adbfffdf7a47c929d77c2d0c142afea2b0530", parsed.PublicKey!.ToString());
        Assert.Equal(17, Assert.Single(parsed.Nonces).Data.Length);
    }

    [Fact]
    public void AllFieldKinds_RoundTrip()
    {
        var key = RctKey.FromHex("73f263b8a4bbc46dfb6f29e0584adbfffdf7a47c929d77c2d0c142afea2b0530");
        var instruction = Enumerable.Range(0, 254).Select(i => (byte)i).ToArray();
        TxExtraField[] fields =
        [
            new TxExtraPublicKey(key),
            TxExtraNonce.ForEncryptedPaymentId(Convert.FromHexString("1122334455667788")),
            TxExtraNonce.ForArbitraryData(instruction),
            new TxExtraAdditionalPublicKeys([key, key]),
            new TxExtraMergeMining(new byte[33]),
            new TxExtraMinerGate([1, 2, 3]),
            new TxExtraPadding(10),
        ];

        var bytes = TxExtra.Serialize(fields);
        var parsed = TxExtra.Parse(bytes);

        Assert.True(parsed.IsFullyParsed);
        Assert.Equal(fields.Select(f => f.GetType()), parsed.Fields.Select(f => f.GetType()));
        Assert.Equal(fields.Select(f => TxExtra.Serialize([f])), parsed.Fields.Select(f => TxExtra.Serialize([f])));
        Assert.Equal(bytes, parsed.Serialize());
        Assert.Equal(instruction, parsed.FirstArbitraryData);
        Assert.Equal("1122334455667788", Convert.ToHexStringLower(parsed.Nonces.First().EncryptedPaymentId!));
        Assert.Equal(2, parsed.AdditionalPublicKeys.Count);
    }

    [Fact]
    public void ArbitraryDataOver254Bytes_IsRejected() =>
        Assert.Throws<ArgumentException>(() => TxExtraNonce.ForArbitraryData(new byte[255]));

    [Theory]
    [InlineData("01aa", "a truncated public key")]
    [InlineData("7700", "an unknown tag")]
    [InlineData("000001", "padding with a non-zero byte")]
    [InlineData("02ff01", "a nonce longer than its bytes")]
    public void UnparsableField_KeepsWhatCameBefore(string tail, string reason)
    {
        var key = "0173f263b8a4bbc46dfb6f29e0584adbfffdf7a47c929d77c2d0c142afea2b0530";
        var parsed = TxExtra.Parse(Convert.FromHexString(key + tail));
        Assert.False(parsed.IsFullyParsed, reason);
        Assert.IsType<TxExtraPublicKey>(Assert.Single(parsed.Fields));
    }

    [Fact]
    public void PaddingOf255Bytes_IsTheLimit()
    {
        Assert.True(TxExtra.Parse(new byte[255]).IsFullyParsed);
        Assert.False(TxExtra.Parse(new byte[256]).IsFullyParsed);
    }

    [Fact]
    public void NonceOver255Bytes_IsRefused()
    {
        byte[] bytes = [0x02, 0x80, 0x02, .. new byte[256]];
        Assert.False(TxExtra.Parse(bytes).IsFullyParsed);
    }
}
