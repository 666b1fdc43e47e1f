namespace Processor.Bitcoin.Transactions;

/// <summary>A transaction output: an amount in satoshis and the script that locks it.</summary>
public readonly struct TxOut(long value, ReadOnlyMemory<byte> scriptPubKey)
{
    /// <summary>21 million bitcoin in satoshis: no output (and no sum of outputs) may exceed it.</summary>
    public const long MaxMoney = 21_000_000L * 100_000_000L;

    /// <summary>Satoshis.</summary>
    public long Value { get; } = value;

    public ReadOnlyMemory<byte> ScriptPubKey { get; } = scriptPubKey;
}
