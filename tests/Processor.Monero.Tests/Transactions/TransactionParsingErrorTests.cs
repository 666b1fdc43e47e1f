using Processor.Monero.Serialization;
using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.Transactions;

/// <summary>Bad transaction bytes fail with a <see cref="MoneroFormatException"/> that says what is wrong.</summary>
public sealed class TransactionParsingErrorTests
{
    [Fact]
    public void EveryTruncation_IsRefusedAsTruncated()
    {
        var bytes = ClsagTransactionBytes();
        for (var length = 0; length < bytes.Length; length++)
        {
            var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse(bytes.AsSpan(0, length)));
            Assert.True(error.Message.Contains("Truncated", StringComparison.Ordinal), $"length {length}: {error.Message}");
        }
    }

    [Fact]
    public void TrailingBytes_AreRefused()
    {
        var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse([.. ClsagTransactionBytes(), 0]));
        Assert.Contains("unexpected byte", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownVersion_IsNamed()
    {
        var bytes = ClsagTransactionBytes();
        bytes[0] = 3;
        var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse(bytes));
        Assert.Contains("version 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownInputType_IsNamed()
    {
        var bytes = ClsagTransactionBytes();
        // version 2, unlock time 0, 2 inputs, then the first input's tag.
        Assert.Equal(0x02, bytes[3]);
        bytes[3] = 0x05;
        var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse(bytes));
        Assert.Contains("Unknown input type 0x05", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedRingCtType_IsNamed()
    {
        var tx = MoneroTransaction.Parse(ClsagTransactionBytes());
        var prefixLength = tx.Prefix.Serialize().Length;
        var bytes = ClsagTransactionBytes();
        bytes[prefixLength] = (byte)RctType.Bulletproof2;
        var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse(bytes));
        Assert.Contains("Unsupported RingCT type 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OverlongOrNonCanonicalVarint_IsRefused()
    {
        Assert.Contains("exceeds 64 bits", Assert.Throws<MoneroFormatException>(() =>
            MoneroTransaction.Parse([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])).Message, StringComparison.Ordinal);
        Assert.Contains("non-canonical", Assert.Throws<MoneroFormatException>(() =>
            MoneroTransaction.Parse([0x82, 0x00])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImpossibleCount_IsRefusedBeforeAllocating()
    {
        // version 2, unlock time 0, then 2^40 inputs.
        var error = Assert.Throws<MoneroFormatException>(() => MoneroTransaction.Parse([0x02, 0x00, 0x80, 0x80, 0x80, 0x80, 0x80, 0x20]));
        Assert.Contains("input count", error.Message, StringComparison.Ordinal);
    }

    private static byte[] ClsagTransactionBytes() =>
        Convert.FromHexString(RepositoryPaths.VectorJson("monero/serai-clsag_tx.json").GetProperty("hex").GetString()!);
}
