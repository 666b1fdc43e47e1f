namespace Processor.Bitcoin.Transactions;

/// <summary>A transaction input: the output it spends, its scriptSig, its sequence number and its witness.</summary>
public readonly struct TxIn(OutPoint previousOutput, ReadOnlyMemory<byte> scriptSig, uint sequence, Witness witness)
{
    /// <summary>The sequence number that disables relative time locks and replace-by-fee signalling.</summary>
    public const uint FinalSequence = uint.MaxValue;

    public OutPoint PreviousOutput { get; } = previousOutput;

    public ReadOnlyMemory<byte> ScriptSig { get; } = scriptSig;

    public uint Sequence { get; } = sequence;

    public Witness Witness { get; } = witness;

    /// <summary>The same input with another witness (e.g. after signing).</summary>
    public TxIn WithWitness(Witness witness) => new(PreviousOutput, ScriptSig, Sequence, witness);
}
