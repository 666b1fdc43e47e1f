using Processor.Monero.Transactions;
using Processor.Testing;

namespace Processor.Monero.Tests.Transactions;

/// <summary>monerod's <c>get_transaction_weight</c>: the size, plus the Bulletproofs(+) clawback above two padded outputs.</summary>
public sealed class TransactionWeightTests
{
    [Theory]
    [InlineData("2f650db5", 460UL)]
    [InlineData("c39652b7", 0UL)]
    [InlineData("f66f36be", 0UL)]
    [InlineData("373a2ace", 0UL)]
    [InlineData("55ba1066", 0UL)]
    public void Weight_IsSizePlusClawback(string idPrefix, ulong clawback)
    {
        var tx = MoneroTransaction.ParseHex(Vector(idPrefix));
        Assert.Equal((ulong)tx.Serialize().Length + clawback, tx.Weight());
    }

    /// <summary>
    /// The 4-output BP+ transaction: 8 rounds (2^(8−6) = 4 padded amounts), base 32·(6 + 14)/2 = 320 per amount, proof
    /// 32·(6 + 2·8) = 704 bytes, clawback (4·320 − 704)·4/5 = 460.
    /// </summary>
    [Fact]
    public void FourOutputBulletproofPlus_CountsFourPaddedAmounts()
    {
        var tx = MoneroTransaction.ParseHex(Vector("2f650db5"));
        var proof = Assert.Single(tx.Prunable!.RangeProofs);
        Assert.Equal(8, proof.L.Count);
        Assert.Equal(4, proof.PaddedAmountCount);
    }

    private static string Vector(string idPrefix) =>
        RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray()
            .Single(v => v.GetProperty("id").GetString()!.StartsWith(idPrefix, StringComparison.Ordinal)).GetProperty("hex").GetString()!;
}
