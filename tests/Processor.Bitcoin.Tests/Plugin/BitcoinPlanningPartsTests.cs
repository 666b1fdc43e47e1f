using Processor.Bitcoin.Addresses;
using Processor.Bitcoin.Plugin;
using Processor.Bitcoin.Tests.Support;
using Processor.Bitcoin.Transactions;
using Processor.Networks;
using OutputKind = Processor.Networks.OutputKind;

namespace Processor.Bitcoin.Tests.Plugin;

/// <summary>
/// What the planning engine asks of the Bitcoin plug-in: the fee (the exact virtual size of the signed transaction the
/// signer builds) and the key's own scripts (the ones the scanner watches).
/// </summary>
public sealed class BitcoinPlanningPartsTests
{
    private static readonly byte[] Key = VectorFiles.Hex(
        VectorFiles.SeraiBitcoinKeys.GetProperty("keys")[0].GetProperty("network_key_xonly_hex"));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 5)]
    [InlineData(253, 2)]
    [InlineData(2, 253)]
    [InlineData(520, 520)]
    public void Fee_IsTheSignedTransactionsExactVirtualSizeTimesTheRate(int inputCount, int outputCount)
    {
        var inputs = Enumerable.Range(0, inputCount)
            .Select(i => new PlannedInput(
                new OutputReference(Enumerable.Repeat((byte)i, 32).ToArray(), i), 10_000_000, Script((OutputKind)(i % 4)), (OutputKind)(i % 4)))
            .ToList();
        byte[][] scriptShapes = [new byte[25], new byte[23], new byte[22], new byte[34], new byte[34]];
        var payments = Enumerable.Range(0, outputCount - 1).Select(i => new PlannedOutput(scriptShapes[i % scriptShapes.Length], 10_000)).ToList();
        var change = new PlannedOutput(Script(OutputKind.Change), 20_000);
        var signable = new BitcoinTransactionPlanner().Prepare(new TransactionPlan(Key, inputs, payments, change));

        var signed = Transaction.Parse(signable.Complete([.. inputs.Select(_ => new byte[64])]));
        var fee = new BitcoinTransactionFees().FeeOf(inputs, [.. payments.Select(p => p.LockingScript), change.LockingScript], 13);

        Assert.Equal((ulong)signed.VirtualSize * 13, fee);
    }

    [Fact]
    public void PlanEventuality_IsTheSignersTxid_AndPlacesEveryOutputInIt()
    {
        var inputs = new List<PlannedInput> { new(new OutputReference(new byte[32], 1), 10_000_000, Script(OutputKind.External), OutputKind.External) };
        var plan = new TransactionPlan(Key, inputs, [new PlannedOutput(Script(OutputKind.Branch), 4_000_000)], new PlannedOutput(Script(OutputKind.Change), 5_000_000));
        var signable = new BitcoinTransactionPlanner().Prepare(plan);

        var planned = new BitcoinPlanEventualities().EventualityOf(new byte[32], plan);

        Assert.Equal(signable.TransactionId, planned.Eventuality);
        Assert.Equal(signable.TransactionId, planned.TransactionId);
        Assert.Equal([new OutputReference(signable.TransactionId, 0), new OutputReference(signable.TransactionId, 1)], planned.Outputs.Select(o => o!), new OutputReferenceEquality());
    }

    [Fact]
    public void SignedTransaction_CompletesTheEventualityOfItsTxid_WithIt_AndNoOther()
    {
        var inputs = new List<PlannedInput> { new(new OutputReference(new byte[32], 1), 10_000_000, Script(OutputKind.External), OutputKind.External) };
        var signable = new BitcoinTransactionPlanner().Prepare(new TransactionPlan(Key, inputs, [new PlannedOutput(Script(OutputKind.Branch), 9_000_000)], null));
        var signed = signable.Complete([new byte[64]]);
        var matcher = new BitcoinEventualities();

        Assert.Equal(signable.TransactionId, matcher.CompletingTransactionId(signable.TransactionId, signed));
        Assert.Null(matcher.CompletingTransactionId(new byte[32], signed));
        Assert.Null(matcher.CompletingTransactionId(signable.TransactionId, signed.AsSpan(1)));
    }

    [Fact]
    public void FeeThatOverflows_Throws()
    {
        Assert.Throws<OverflowException>(() => new BitcoinTransactionFees().FeeOf([], [new byte[34]], ulong.MaxValue));
    }

    [Fact]
    public void OwnScripts_AreTheScriptsTheScannerWatches_ForEveryVectorKey()
    {
        var scripts = new BitcoinAddressScripts();

        foreach (var vector in VectorFiles.SeraiBitcoinKeys.GetProperty("keys").EnumerateArray())
        {
            var key = VectorFiles.Hex(vector.GetProperty("network_key_xonly_hex"));
            foreach (var (kind, name) in new[] { (OutputKind.External, "External"), (OutputKind.Branch, "Branch"), (OutputKind.Change, "Change"), (OutputKind.Forwarded, "Forwarded") })
            {
                Assert.Equal(VectorFiles.Hex(vector.GetProperty("outputs").GetProperty(name).GetProperty("script_pubkey_hex")), scripts.OwnScript(key, kind));
            }
        }
    }

    [Fact]
    public void OwnScriptOfAMalformedKey_IsAnArgumentError()
    {
        Assert.Throws<ArgumentException>(() => new BitcoinAddressScripts().OwnScript(new byte[31], OutputKind.Change));
    }

    [Fact]
    public void BitcoinLimits_Are520InputsAndOutputs_WithChangeUnder546LeftToTheFee()
    {
        var limits = BitcoinPlanning.Limits(Processor.Bitcoin.Networks.BitcoinNetwork.Mainnet);

        Assert.Equal(new PlanningLimits(520, 520, 10_000, 546), limits);
    }

    /// <summary>Output references equal by value (the record compares its txid bytes by reference).</summary>
    private sealed class OutputReferenceEquality : IEqualityComparer<OutputReference>
    {
        public bool Equals(OutputReference? x, OutputReference? y) =>
            x is not null && y is not null && x.Index == y.Index && x.TransactionId.AsSpan().SequenceEqual(y.TransactionId);

        public int GetHashCode(OutputReference obj) => obj.Index;
    }

    private static byte[] Script(OutputKind kind) => AddressKinds.ScriptPubKey(Key, kind switch
    {
        OutputKind.External => AddressKind.External,
        OutputKind.Branch => AddressKind.Branch,
        OutputKind.Change => AddressKind.Change,
        _ => AddressKind.Forwarded,
    });
}
