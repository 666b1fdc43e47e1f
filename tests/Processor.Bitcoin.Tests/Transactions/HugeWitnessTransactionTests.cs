using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Tests.Support;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Tests.Transactions;

/// <summary>The mainnet transaction whose taproot script-path witness has 500,003 items.</summary>
public sealed class HugeWitnessTransactionTests
{
    private static readonly Transaction Huge = Transaction.ParseHex(RealBlocks.Hex(RealBlocks.HugeWitnessTransaction));

    [Fact]
    public void HugeWitness_DecodesWithAllItems()
    {
        Assert.True(Huge.HasWitness);
        Assert.Contains(Huge.Inputs, i => i.Witness.Count == 500_003);
        var witness = Huge.Inputs.Single(i => i.Witness.Count == 500_003).Witness;
        Assert.Equal(500_003, witness.ToArray().Length);
    }

    [Fact]
    public void HugeWitness_TxidCoversOnlyTheNonWitnessBytes()
    {
        var stripped = Transaction.Create(Huge.Version, [.. Huge.Inputs.Select(i => i.WithWitness(Witness.Empty))], Huge.Outputs, Huge.LockTime);

        Assert.Equal(BitcoinHashes.DoubleSha256(stripped.Serialized.Span), Huge.Txid);
        Assert.NotEqual(Huge.Txid, Huge.ComputeWtxid());
        Assert.Equal(stripped.Size, Huge.StrippedSize);
        Assert.Equal((Huge.StrippedSize * 3 + Huge.Size + 3) / 4, Huge.VirtualSize);
    }

    [Fact]
    public void HugeWitness_ReSerializesToTheSameBytes()
    {
        var witnesses = Huge.Inputs.Select(i => Witness.Create(i.Witness.ToArray())).ToList();

        var copy = Huge.WithWitnesses(witnesses);

        Assert.True(copy.Serialized.Span.SequenceEqual(Huge.Serialized.Span));
    }
}
