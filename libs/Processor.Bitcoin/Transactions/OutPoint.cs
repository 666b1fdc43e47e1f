using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Transactions;

/// <summary>A reference to an output of an earlier transaction: its txid and its index among that transaction's outputs.</summary>
public readonly record struct OutPoint(Hash256 Txid, uint Index)
{
    /// <summary>What a coinbase input spends: no transaction, index 0xffffffff.</summary>
    public static OutPoint Null => new(Hash256.Zero, uint.MaxValue);

    public bool IsNull => Index == uint.MaxValue && Txid == Hash256.Zero;

    /// <summary><c>txid:index</c> with the txid in display order.</summary>
    public override string ToString() => $"{Txid}:{Index}";
}
