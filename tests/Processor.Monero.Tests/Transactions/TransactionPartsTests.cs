using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.Transactions;

/// <summary>The parts of a transaction as a builder and a scanner use them.</summary>
public sealed class TransactionPartsTests
{
    [Fact]
    public void CreateV2_FromParsedParts_SerializesToTheSameBytes()
    {
        var bytes = ClsagTransactionBytes();
        var parsed = MoneroTransaction.Parse(bytes);
        var rebuilt = MoneroTransaction.CreateV2(parsed.Prefix, parsed.RctBase!, parsed.Prunable);

        Assert.Equal(bytes, rebuilt.Serialize());
        Assert.Equal(parsed.Hash(), rebuilt.Hash());
    }

    [Fact]
    public void CreateV2_WithoutPrunablePartForRingCt_IsRejected()
    {
        var parsed = MoneroTransaction.Parse(ClsagTransactionBytes());
        Assert.Throws<ArgumentException>(() => MoneroTransaction.CreateV2(parsed.Prefix, parsed.RctBase!, null));
    }

    [Fact]
    public void KeyOffsets_AreRelativeAndSumToGlobalIndices()
    {
        // The first input's ring in serai-clsag_tx.json: offsets 2, 1, 2, 1, … .
        var input = (KeyInput)MoneroTransaction.Parse(ClsagTransactionBytes()).Prefix.Inputs[0];
        var absolute = input.AbsoluteOffsets();

        Assert.Equal(16, input.RingSize);
        Assert.Equal([2UL, 3, 5, 6], absolute.Take(4));
        Assert.Equal(input.KeyOffsets.Aggregate(0UL, (sum, offset) => sum + offset), absolute[^1]);
    }

    private static byte[] ClsagTransactionBytes() =>
        Convert.FromHexString(RepositoryPaths.VectorJson("monero/serai-clsag_tx.json").GetProperty("hex").GetString()!);
}
