using Processor.Bitcoin.Blocks;
using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Tests.Support;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Tests.Transactions;

/// <summary>Malformed bytes are rejected with a message naming the field, and the offset where it went wrong.</summary>
public sealed class StrictParsingTests
{
    // A one-input, one-output legacy transaction: version 1, outpoint, empty scriptSig, sequence, 1 sat to OP_TRUE, lock time 0.
    private const string Legacy =
        "01000000" + "01" + "1111111111111111111111111111111111111111111111111111111111111111" + "00000000" + "00" + "ffffffff"
        + "01" + "0100000000000000" + "0151" + "00000000";

    [Fact]
    public void WellFormedLegacyTransaction_Parses()
    {
        var transaction = Transaction.ParseHex(Legacy);

        Assert.False(transaction.HasWitness);
        Assert.Equal(1L, transaction.Outputs[0].Value);
        Assert.Equal(transaction.Size * 4, transaction.Weight);
    }

    [Fact]
    public void EveryTruncation_IsRejectedAsTruncated()
    {
        var bytes = Convert.FromHexString(Legacy);
        for (var length = 0; length < bytes.Length; length++)
        {
            var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.Parse(bytes.AsMemory(0, length)));
            Assert.StartsWith("Truncated ", ex.Message, StringComparison.Ordinal);
            Assert.InRange(ex.Offset, 0, length);
        }
    }

    [Fact]
    public void TrailingBytes_AreRejectedAsOversized()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex(Legacy + "00"));

        Assert.Contains("Oversized transaction: 1 unexpected bytes", ex.Message, StringComparison.Ordinal);
        Assert.Equal(Legacy.Length / 2, ex.Offset);
    }

    [Fact]
    public void ScriptLengthBeyondTheEnd_IsRejectedAsTruncated()
    {
        var hex = Legacy.Replace("0151" + "00000000", "fd0010" + "51", StringComparison.Ordinal);

        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex(hex));

        Assert.Contains("Truncated scriptPubKey: 4096 declared, which needs at least 4096 bytes, 1 left", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HugeInputCount_IsRejectedAsTruncatedWithoutAllocating()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex("01000000" + "ffffffffffffffff7f"));

        Assert.Contains("Truncated input count: 9223372036854775807 declared", ex.Message, StringComparison.Ordinal);
        Assert.Equal(4, ex.Offset);
    }

    [Theory]
    [InlineData("fd0100", "1 encoded in 3 bytes")]
    [InlineData("fefc000000", "252 encoded in 5 bytes")]
    [InlineData("ff0000010000000000", "65536 encoded in 9 bytes")]
    public void NonCanonicalCompactSize_IsRejected(string count, string detail)
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex("01000000" + count + Legacy[10..]));

        Assert.Contains($"Non-canonical compact size for input count: {detail}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SegwitMarkerWithAnotherFlag_IsRejected()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex("01000000" + "0002" + Legacy[8..]));

        Assert.Contains("Invalid segwit flag 0x02", ex.Message, StringComparison.Ordinal);
        Assert.Equal(5, ex.Offset);
    }

    [Fact]
    public void SegwitSerializationWithOnlyEmptyWitnesses_IsRejectedAsSuperfluous()
    {
        var hex = "01000000" + "0001" + Legacy[8..^8] + "00" + "00000000";

        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex(hex));

        Assert.Contains("Superfluous witness record", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SegwitTransaction_ParsesAndItsTxidIgnoresTheWitness()
    {
        var hex = "01000000" + "0001" + Legacy[8..^8] + "01" + "03" + "aabbcc" + "00000000";

        var segwit = Transaction.ParseHex(hex);

        Assert.True(segwit.HasWitness);
        Assert.Equal(Transaction.ParseHex(Legacy).Txid, segwit.Txid);
        Assert.Equal(Legacy.Length / 2, segwit.StrippedSize);
        Assert.Equal("aabbcc", Convert.ToHexStringLower(segwit.Inputs[0].Witness.ToArray()[0].Span));
    }

    [Fact]
    public void OutputValueAboveTheMoneySupply_IsRejected()
    {
        var hex = Legacy.Replace("0100000000000000", "0140075af0750700", StringComparison.Ordinal);

        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex(hex));

        Assert.Contains("Output value 2100000000000001 is outside", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HexWithANonHexCharacter_IsRejected()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Transaction.ParseHex("0g"));

        Assert.Contains("not a hex digit", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedBlock_NamesTheTransactionFieldAndOffset()
    {
        var bytes = RealBlocks.Bytes(RealBlocks.MainnetPreSegwit);

        var ex = Assert.Throws<BitcoinFormatException>(() => Block.Parse(bytes.AsMemory(0, bytes.Length - 1)));

        Assert.Equal("Truncated lock time: needs 4 bytes, 3 left (at byte offset " + (bytes.Length - 4) + ")", ex.Message);
    }

    [Fact]
    public void TruncatedHeader_IsRejected()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Block.Parse(new byte[79]));

        Assert.StartsWith("Truncated block header", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockOverTheSizeLimit_IsRejectedBeforeParsing()
    {
        var ex = Assert.Throws<BitcoinFormatException>(() => Block.Parse(new byte[Block.MaxSize + 1]));

        Assert.Contains("Oversized block: 4000001 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BlockWithoutTransactions_IsRejected()
    {
        var header = RealBlocks.Bytes(RealBlocks.MainnetPreSegwit)[..80];

        var ex = Assert.Throws<BitcoinFormatException>(() => Block.Parse((byte[])[.. header, 0]));

        Assert.Contains("Block without transactions", ex.Message, StringComparison.Ordinal);
    }
}
