using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Scripts;
using Processor.Bitcoin.Transactions;

namespace Processor.Bitcoin.Tests.Transactions;

/// <summary>Transactions built in code serialize canonically and parse back to the same thing.</summary>
public sealed class TransactionCreationTests
{
    private static readonly TxIn Input = new(
        new OutPoint(BitcoinHashes.Sha256([1]), 3), ReadOnlyMemory<byte>.Empty, 0xfffffffd, Witness.Empty);

    private static readonly TxOut[] Outputs = [new TxOut(50_000, ScriptPubKeys.PayToTaproot(new byte[32])), new TxOut(0, ScriptPubKeys.NullData([1, 2, 3]))];

    [Fact]
    public void CreatedWithoutWitness_RoundTripsAndHasNoMarker()
    {
        var transaction = Transaction.Create(2, [Input], Outputs, 100);

        var parsed = Transaction.Parse(transaction.Serialized);

        Assert.False(parsed.HasWitness);
        Assert.Equal(transaction.Txid, parsed.Txid);
        Assert.Equal(2, parsed.Version);
        Assert.Equal(100u, parsed.LockTime);
        Assert.Equal(new OutPoint(Input.PreviousOutput.Txid, 3), parsed.Inputs[0].PreviousOutput);
        Assert.Equal(0xfffffffdu, parsed.Inputs[0].Sequence);
    }

    [Fact]
    public void AddingAWitness_ChangesTheWtxidButNotTheTxid()
    {
        var unsigned = Transaction.Create(2, [Input], Outputs, 0);

        var signed = unsigned.WithWitnesses([Witness.Create(new byte[64])]);

        Assert.True(signed.HasWitness);
        Assert.Equal(unsigned.Txid, signed.Txid);
        Assert.NotEqual(signed.Txid, signed.ComputeWtxid());
        Assert.Equal(unsigned.Size, signed.StrippedSize);
        Assert.Equal(signed.Size, unsigned.Size + 2 + 1 + 1 + 64);
        Assert.Equal(signed.Txid, Transaction.Parse(signed.Serialized).Txid);
    }

    [Fact]
    public void WitnessItems_EnumerateInOrder()
    {
        var witness = Witness.Create(new byte[] { 1 }, Array.Empty<byte>(), new byte[300]);

        Assert.Equal(3, witness.Count);
        Assert.Equal([1, 0, 300], witness.ToArray().Select(i => i.Length));
    }

    [Fact]
    public void TransactionWithoutInputs_CannotBeCreated() =>
        Assert.Throws<ArgumentException>(() => Transaction.Create(2, [], Outputs, 0));
}
