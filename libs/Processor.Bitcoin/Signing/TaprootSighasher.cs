using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Hashing;
using Processor.Bitcoin.Transactions;
using Processor.Crypto.Secp256k1;

namespace Processor.Bitcoin.Signing;

/// <summary>
/// BIP341 key-path signature hashes of one transaction. The per-transaction hashes (prevouts, amounts, scriptPubKeys,
/// sequences, outputs) are computed once; each input's message then costs one small hash. Script-path spending
/// (extension flag 1) is not offered: the processor's outputs have no script tree.
/// </summary>
public sealed class TaprootSighasher
{
    private const byte AnyoneCanPayFlag = 0x80;
    private const byte OutputTypeMask = 0x03;
    private const byte Epoch = 0x00;

    private readonly Transaction _transaction;
    private readonly IReadOnlyList<TxOut> _spentOutputs;

    /// <param name="transaction">The transaction being signed (its witnesses do not matter).</param>
    /// <param name="spentOutputs">The outputs its inputs spend, in input order: every taproot signature commits to all of them.</param>
    public TaprootSighasher(Transaction transaction, IReadOnlyList<TxOut> spentOutputs)
    {
        if (spentOutputs.Count != transaction.Inputs.Length)
        {
            throw new ArgumentException($"{spentOutputs.Count} spent outputs for {transaction.Inputs.Length} inputs.", nameof(spentOutputs));
        }

        _transaction = transaction;
        _spentOutputs = spentOutputs;
        HashPrevouts = Sha256(w =>
        {
            foreach (var input in transaction.Inputs)
            {
                w.WriteHash(input.PreviousOutput.Txid);
                w.WriteUInt32(input.PreviousOutput.Index);
            }
        });
        HashAmounts = Sha256(w =>
        {
            foreach (var spent in spentOutputs)
            {
                w.WriteInt64(spent.Value);
            }
        });
        HashScriptPubKeys = Sha256(w =>
        {
            foreach (var spent in spentOutputs)
            {
                w.WriteVarBytes(spent.ScriptPubKey.Span);
            }
        });
        HashSequences = Sha256(w =>
        {
            foreach (var input in transaction.Inputs)
            {
                w.WriteUInt32(input.Sequence);
            }
        });
        HashOutputs = Sha256(w =>
        {
            foreach (var output in transaction.Outputs)
            {
                WriteOutput(w, output);
            }
        });
    }

    /// <summary>SHA-256 of all outpoints (BIP341 <c>sha_prevouts</c>).</summary>
    public Hash256 HashPrevouts { get; }

    /// <summary>SHA-256 of all spent amounts (<c>sha_amounts</c>).</summary>
    public Hash256 HashAmounts { get; }

    /// <summary>SHA-256 of all spent scriptPubKeys, length-prefixed (<c>sha_scriptpubkeys</c>).</summary>
    public Hash256 HashScriptPubKeys { get; }

    /// <summary>SHA-256 of all sequence numbers (<c>sha_sequences</c>).</summary>
    public Hash256 HashSequences { get; }

    /// <summary>SHA-256 of all outputs (<c>sha_outputs</c>).</summary>
    public Hash256 HashOutputs { get; }

    /// <summary>The hash a key-path signature of input <paramref name="inputIndex"/> signs: TapSighash(0x00 ‖ SigMsg).</summary>
    /// <param name="annex">The input's annex (starting with 0x50) if its witness will carry one; empty otherwise.</param>
    public Hash256 KeyPathSignatureHash(int inputIndex, SighashType type, ReadOnlySpan<byte> annex = default) =>
        new(Bip340.TaggedHash("TapSighash", KeyPathSignatureMessage(inputIndex, type, annex)));

    /// <summary>
    /// What the TapSighash tagged hash covers for a key-path spend (extension flag 0): the epoch byte 0x00 followed by
    /// BIP341's SigMsg (the BIP's test vectors call this whole string <c>sigMsg</c>).
    /// </summary>
    public byte[] KeyPathSignatureMessage(int inputIndex, SighashType type, ReadOnlySpan<byte> annex = default)
    {
        if (!Enum.IsDefined(type))
        {
            throw new ArgumentException($"Sighash type 0x{(byte)type:x2} is not defined by BIP341.", nameof(type));
        }

        if (inputIndex < 0 || inputIndex >= _transaction.Inputs.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(inputIndex), $"The transaction has {_transaction.Inputs.Length} inputs.");
        }

        if (!annex.IsEmpty && annex[0] != 0x50)
        {
            throw new ArgumentException("An annex starts with 0x50.", nameof(annex));
        }

        var anyoneCanPay = ((byte)type & AnyoneCanPayFlag) != 0;
        var outputType = (byte)type & OutputTypeMask;
        var single = outputType == (byte)SighashType.Single;
        if (single && inputIndex >= _transaction.Outputs.Length)
        {
            throw new ArgumentException($"SIGHASH_SINGLE for input {inputIndex} needs an output at the same index; there are {_transaction.Outputs.Length}.");
        }

        var w = new BitcoinWriter(256);
        w.WriteByte(Epoch);
        w.WriteByte((byte)type);
        w.WriteUInt32((uint)_transaction.Version);
        w.WriteUInt32(_transaction.LockTime);
        if (!anyoneCanPay)
        {
            w.WriteHash(HashPrevouts);
            w.WriteHash(HashAmounts);
            w.WriteHash(HashScriptPubKeys);
            w.WriteHash(HashSequences);
        }

        if (outputType is not ((byte)SighashType.None or (byte)SighashType.Single))
        {
            w.WriteHash(HashOutputs);
        }

        w.WriteByte(annex.IsEmpty ? (byte)0 : (byte)1);
        if (anyoneCanPay)
        {
            var input = _transaction.Inputs[inputIndex];
            w.WriteHash(input.PreviousOutput.Txid);
            w.WriteUInt32(input.PreviousOutput.Index);
            w.WriteInt64(_spentOutputs[inputIndex].Value);
            w.WriteVarBytes(_spentOutputs[inputIndex].ScriptPubKey.Span);
            w.WriteUInt32(input.Sequence);
        }
        else
        {
            w.WriteUInt32((uint)inputIndex);
        }

        if (!annex.IsEmpty)
        {
            var annexWriter = new BitcoinWriter();
            annexWriter.WriteVarBytes(annex);
            w.WriteHash(BitcoinHashes.Sha256(annexWriter.Written));
        }

        if (single)
        {
            w.WriteHash(Sha256(o => WriteOutput(o, _transaction.Outputs[inputIndex])));
        }

        return w.ToArray();
    }

    private static void WriteOutput(BitcoinWriter writer, TxOut output)
    {
        writer.WriteInt64(output.Value);
        writer.WriteVarBytes(output.ScriptPubKey.Span);
    }

    private static Hash256 Sha256(Action<BitcoinWriter> write)
    {
        var writer = new BitcoinWriter();
        write(writer);
        return BitcoinHashes.Sha256(writer.Written);
    }
}
