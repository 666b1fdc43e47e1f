using Processor.Monero.Transactions;
using Processor.Networks.Plugins.Monero;
using Processor.Testing;

namespace Processor.Networks.Plugins.Tests.Monero;

/// <summary>Serai's Monero constants, the block fee rate, and the monotonic block time.</summary>
public sealed class MoneroPlanningTests
{
    [Fact]
    public void Limits_AreSerais_120Inputs_16Outputs_DustOfOneHundredthXmr()
    {
        Assert.Equal(new PlanningLimits(120, 16, 10_000_000_000, 10_000_000_000), MoneroPlanning.Limits);
        Assert.Equal(10, MoneroPlugin.Confirmations);
    }

    [Fact]
    public void BlockWithoutTransactions_HasTheMinimumFeeRate() =>
        Assert.Equal(1_500_000ul, MoneroFeeRates.Of([]));

    [Fact]
    public void MainnetTransactionsUnderTheFloor_GiveTheFloor() =>
        Assert.Equal(1_500_000ul, MoneroFeeRates.Of(RingCtVectors()));

    [Fact]
    public void FeeRate_IsTheUpperMedianOfFeePerWeight_OfRingCtTransactionsOnly()
    {
        ulong[] rates = [2_000_000, 9_000_000, 3_000_000];
        // Each vector transaction made to pay a chosen rate (its weight does not depend on the fee beyond the varint).
        var paying = RingCtVectors().Select((t, i) => WithRate(t, rates[i])).ToList();
        var preRingCt = MoneroTransaction.ParseHex(Vectors().Single(v => v.Tx.Prunable is null && v.Tx.Prefix.Version == 1).Hex);

        Assert.Equal(3_000_000ul, MoneroFeeRates.Of([.. paying, preRingCt]));
        Assert.Equal(9_000_000ul, MoneroFeeRates.Of(paying.Take(2)));
    }

    [Fact]
    public void BlockTime_BeforeSixtyBlocks_IsTheHeight() =>
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(58), MoneroBlockTime.Monotonic(58, []));

    [Fact]
    public void BlockTime_IsTheMedianOfTheLastSixtyTimestamps_PlusTheHeight()
    {
        // 61 timestamps: the first is outside the window; the window holds 1000..1059 shuffled, whose middle pair is 1029, 1030.
        var timestamps = new List<ulong> { 5_000_000 };
        timestamps.AddRange(Enumerable.Range(0, 60).Select(i => (ulong)(1000 + ((i * 7) % 60))));

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1029 + 100), MoneroBlockTime.Monotonic(100, timestamps));
    }

    [Fact]
    public void BlockTime_NeverDecreases_WhenATimestampGoesBack()
    {
        var timestamps = Enumerable.Range(0, 60).Select(i => (ulong)(1000 + (i * 120))).ToList();
        var before = MoneroBlockTime.Monotonic(200, timestamps);

        // The next block states a time far in the past, but at least the median, as consensus demands.
        var next = MoneroBlockTime.Monotonic(201, [.. timestamps.Skip(1), timestamps[30]]);

        Assert.True(next >= before, $"{next} < {before}");
    }

    private static MoneroTransaction WithRate(MoneroTransaction transaction, ulong rate)
    {
        var paying = transaction;
        for (var i = 0; i < 2; i++)
        {
            paying = MoneroTransaction.CreateV2(paying.Prefix, paying.RctBase! with { Fee = rate * paying.Weight() }, paying.Prunable);
        }

        return paying;
    }

    private static List<MoneroTransaction> RingCtVectors() => [.. Vectors().Where(v => v.Tx.Prunable is not null).Select(v => v.Tx)];

    private static IEnumerable<(string Hex, MoneroTransaction Tx)> Vectors() =>
        RepositoryPaths.VectorJson("monero/serai-transactions.json").EnumerateArray()
            .Select(v => v.GetProperty("hex").GetString()!)
            .Select(hex => (hex, MoneroTransaction.ParseHex(hex)));
}
