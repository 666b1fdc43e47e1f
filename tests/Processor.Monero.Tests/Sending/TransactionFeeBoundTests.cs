using Processor.Monero.Addresses;
using Processor.Monero.Crypto;
using Processor.Monero.RingCt;
using Processor.Monero.Sending;
using static Processor.Monero.Tests.Sending.SendingFixtures;

namespace Processor.Monero.Tests.Sending;

/// <summary>
/// The fee bound a plan pays before its decoys exist: never below what the builder needs for the same counts, equal to it
/// when every key offset is as wide as the bound assumes, and within 6 % of it with mainnet-like rings.
/// </summary>
public sealed class TransactionFeeBoundTests : IDisposable
{
    private const int MaxInputs = 120;

    // Mainnet-like distances from the newest output (about 1.5·10⁸) to a ring's decoys: most are recent, a few old.
    private static readonly ulong[] RecentDecoyAges = [3_100_000, 870_000, 410_000, 190_000, 121_000, 77_000, 52_000, 31_000, 19_500, 12_200, 8_100, 4_900, 2_800, 1_450, 660];

    private readonly TestWallet _sender = new("fee bound sender");
    private readonly TestWallet _recipient = new("fee bound recipient");
    private readonly MoneroAddress _branch;
    private readonly MoneroAddress _change;
    private readonly RingMember _decoy = new(EdwardsPoint.MultiplyBase(Key("fee bound decoy")), EdwardsPoint.MultiplyBase(Key("fee bound decoy commitment")));

    public TransactionFeeBoundTests()
    {
        _branch = _recipient.Subaddress(0, 1);
        _change = _sender.Subaddress(0, 2);
    }

    [Fact]
    public void Bound_CoversTheBuildersFee_WithinSixPercent_ForEveryInputAndOutputCount()
    {
        var inputs = Inputs(MaxInputs, (output, i) => MainnetLikeRing(output, i));
        var worstMargin = 0.0;
        for (var inputCount = 1; inputCount <= MaxInputs; inputCount++)
        {
            for (var outputCount = TransactionBuilder.MinOutputs; outputCount <= TransactionBuilder.MaxOutputs; outputCount++)
            {
                var exact = TransactionBuilder.SettledFee(Request(inputs.Take(inputCount).ToList(), outputCount));

                var bound = TransactionFeeBound.FeeFor(inputCount, outputCount, paysSubaddress: true, Fee);

                Assert.True(bound >= exact, $"{inputCount} inputs, {outputCount} outputs: bound {bound} < builder's fee {exact}");
                worstMargin = Math.Max(worstMargin, (double)(bound - exact) / exact);
            }
        }

        // Measured: 5.5 %, at 120 inputs (about 37 weight per input of the 80 key-offset bytes the bound takes).
        Assert.InRange(worstMargin, 0, 0.06);
    }

    [Theory]
    [InlineData(1, 2, true)]
    [InlineData(1, 2, false)]
    [InlineData(7, 5, true)]
    [InlineData(16, 16, false)]
    [InlineData(120, 16, true)]
    public void RingsAsWideAsTheBound_NeedExactlyTheBound(int inputCount, int outputCount, bool paysSubaddress)
    {
        var inputs = Inputs(inputCount, WidestRing, newestIndex: 1UL << 29);
        var request = Request(inputs, outputCount);
        if (!paysSubaddress)
        {
            request = request with { Payments = [.. request.Payments.Select(p => p with { Address = _recipient.Address })], Change = _sender.Address };
        }

        Assert.Equal(TransactionBuilder.SettledFee(request), TransactionFeeBound.FeeFor(inputCount, outputCount, paysSubaddress, Fee));
    }

    [Fact]
    public void PaymentsLeavingTheBound_PayExactlyIt()
    {
        var inputs = Inputs(3, (output, i) => MainnetLikeRing(output, i));
        var bound = TransactionFeeBound.FeeFor(3, 4, paysSubaddress: true, Fee);
        var total = inputs.Aggregate(0UL, (sum, i) => sum + i.Output.Amount);
        var each = (total - bound) / 4;
        var payments = Enumerable.Range(0, 4).Select(i => new Payment(_branch, i == 0 ? total - bound - (3 * each) : each)).ToList();
        var request = new TransactionRequest(Seed("fee bound plan"), inputs, payments, null, [], Fee);

        var built = TransactionBuilder.Build(request);

        Assert.Equal(bound, built.Fee);
        Assert.True(Fee.FeeFor(built.Weight) <= built.Fee);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 1)]
    [InlineData(1, 17)]
    public void CountsTheBuilderRefuses_AreRefused(int inputCount, int outputCount)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TransactionFeeBound.FeeFor(inputCount, outputCount, paysSubaddress: true, Fee));
    }

    public void Dispose()
    {
        _sender.Dispose();
        _recipient.Dispose();
    }

    private List<(SpendableOutput Output, Ring Ring)> Inputs(int count, Func<SpendableOutput, int, Ring> ring, ulong newestIndex = 150_000_000) =>
        [.. Enumerable.Range(0, count).Select(i => _sender.Owned(newestIndex - (37UL * (ulong)i), 40_000_000_000)).Select((o, i) => (o, ring(o, i)))];

    /// <summary>Outputs − 1 payments to a subaddress (as a plan pays its own Branch outputs) and the change.</summary>
    private TransactionRequest Request(IReadOnlyList<(SpendableOutput Output, Ring Ring)> inputs, int outputCount) => new(
        Seed("fee bound plan"),
        inputs,
        [.. Enumerable.Range(0, outputCount - 1).Select(i => new Payment(_branch, 1_000_000UL + (ulong)i))],
        _change,
        [],
        Fee);

    private Ring MainnetLikeRing(SpendableOutput output, int input)
    {
        // Shifted per input so that decoys are unique across the transaction, as the selector makes them.
        var decoys = RecentDecoyAges.Select(age => output.GlobalIndex - age - (ulong)input);
        return RingOf(output, decoys);
    }

    // Every key offset 5 varint bytes: the absolute first index (the real output's, from 2²⁸ on) and each gap between 2²⁸ and 2³⁵.
    private Ring WidestRing(SpendableOutput output, int input) =>
        RingOf(output, Enumerable.Range(1, DecoySelector.RingSize - 1).Select(k => output.GlobalIndex + (1UL << 28) + ((ulong)k << 29) + (ulong)input));

    private Ring RingOf(SpendableOutput output, IEnumerable<ulong> decoyIndices)
    {
        var indices = decoyIndices.Append(output.GlobalIndex).Order().ToList();
        var members = indices.Select(i => i == output.GlobalIndex ? new RingMember(output.Key, output.Commitment) : _decoy).ToList();
        return new Ring(indices, members, indices.IndexOf(output.GlobalIndex));
    }
}
