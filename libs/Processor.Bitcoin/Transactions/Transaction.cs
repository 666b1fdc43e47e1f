using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Processor.Bitcoin.Serialization;
using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Transactions;

/// <summary>
/// A Bitcoin transaction, segwit or not, together with its serialized bytes. Parsing keeps slices of the input buffer
/// (scripts and witnesses are not copied), and the txid is computed from the non-witness parts of those same bytes, never
/// from a re-serialization.
/// </summary>
public sealed class Transaction
{
    /// <summary>A transaction cannot be larger than a block.</summary>
    public const int MaxSize = 4_000_000;

    private const int MinInputSize = 32 + 4 + 1 + 4;
    private const int MinOutputSize = 8 + 1;
    private const byte WitnessFlag = 0x01;

    // Layout of Serialized: version (4) [marker, flag] inputs+outputs [witnesses] lockTime (4).
    private readonly int _inputsStart;
    private readonly int _outputsEnd;

    private Transaction(
        ReadOnlyMemory<byte> serialized, int version, TxIn[] inputs, TxOut[] outputs, uint lockTime, int inputsStart, int outputsEnd)
    {
        Serialized = serialized;
        Version = version;
        Inputs = ImmutableCollectionsMarshal.AsImmutableArray(inputs);
        Outputs = ImmutableCollectionsMarshal.AsImmutableArray(outputs);
        LockTime = lockTime;
        _inputsStart = inputsStart;
        _outputsEnd = outputsEnd;
        Txid = ComputeTxid();
    }

    public int Version { get; }

    public ImmutableArray<TxIn> Inputs { get; }

    public ImmutableArray<TxOut> Outputs { get; }

    public uint LockTime { get; }

    /// <summary>The transaction's bytes as parsed or created, witnesses included when it has any.</summary>
    public ReadOnlyMemory<byte> Serialized { get; }

    /// <summary>The id: SHA-256d of the serialization without witnesses.</summary>
    public Hash256 Txid { get; }

    /// <summary>Whether it is serialized with the segwit marker and flag (at least one input has a witness).</summary>
    public bool HasWitness => _inputsStart != 4;

    /// <summary>A coinbase: a single input spending the null outpoint.</summary>
    public bool IsCoinbase => Inputs.Length == 1 && Inputs[0].PreviousOutput.IsNull;

    /// <summary>Total size in bytes, witnesses included.</summary>
    public int Size => Serialized.Length;

    /// <summary>Size without the witness data (marker, flag and witnesses), i.e. the bytes the txid covers.</summary>
    public int StrippedSize => HasWitness ? 4 + (_outputsEnd - _inputsStart) + 4 : Size;

    /// <summary>BIP141 weight: stripped size × 3 + total size.</summary>
    public int Weight => StrippedSize * 3 + Size;

    /// <summary>Virtual size: weight / 4, rounded up.</summary>
    public int VirtualSize => (Weight + 3) / 4;

    /// <summary>The witness id: SHA-256d of the full serialization (equal to the txid without witnesses).</summary>
    public Hash256 ComputeWtxid() => HasWitness ? BitcoinHashes.DoubleSha256(Serialized.Span) : Txid;

    /// <summary>Parses exactly one transaction; bytes after it are an error.</summary>
    public static Transaction Parse(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxSize)
        {
            throw new BitcoinFormatException($"Oversized transaction: {bytes.Length} bytes exceeds the {MaxSize}-byte limit", 0);
        }

        var reader = new BitcoinReader(bytes);
        var transaction = Read(ref reader);
        reader.EnsureEnd("transaction");
        return transaction;
    }

    /// <summary>Parses a transaction from its hex serialization (surrounding white space is ignored).</summary>
    public static Transaction ParseHex(string hex) => Parse(HexInput.Decode(hex, "transaction"));

    /// <summary>A new transaction; it is serialized once, with witnesses if any input has one.</summary>
    public static Transaction Create(int version, IReadOnlyList<TxIn> inputs, IReadOnlyList<TxOut> outputs, uint lockTime)
    {
        if (inputs.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one input.", nameof(inputs));
        }

        var hasWitness = inputs.Any(i => !i.Witness.IsEmpty);
        var writer = new BitcoinWriter();
        writer.WriteUInt32((uint)version);
        if (hasWitness)
        {
            writer.WriteByte(0);
            writer.WriteByte(WitnessFlag);
        }

        var inputsStart = writer.Length;
        writer.WriteCompactSize((ulong)inputs.Count);
        foreach (var input in inputs)
        {
            writer.WriteHash(input.PreviousOutput.Txid);
            writer.WriteUInt32(input.PreviousOutput.Index);
            writer.WriteVarBytes(input.ScriptSig.Span);
            writer.WriteUInt32(input.Sequence);
        }

        writer.WriteCompactSize((ulong)outputs.Count);
        foreach (var output in outputs)
        {
            writer.WriteInt64(output.Value);
            writer.WriteVarBytes(output.ScriptPubKey.Span);
        }

        var outputsEnd = writer.Length;
        if (hasWitness)
        {
            foreach (var input in inputs)
            {
                input.Witness.WriteTo(writer);
            }
        }

        writer.WriteUInt32(lockTime);
        return new Transaction(writer.ToArray(), version, [.. inputs], [.. outputs], lockTime, inputsStart, outputsEnd);
    }

    /// <summary>The same transaction with the given witnesses, one per input (e.g. after signing).</summary>
    public Transaction WithWitnesses(IReadOnlyList<Witness> witnesses)
    {
        if (witnesses.Count != Inputs.Length)
        {
            throw new ArgumentException($"{witnesses.Count} witnesses for {Inputs.Length} inputs.", nameof(witnesses));
        }

        return Create(Version, [.. Inputs.Select((input, i) => input.WithWitness(witnesses[i]))], Outputs, LockTime);
    }

    /// <summary>Reads one transaction at the reader's position (inside a block or alone); its bytes stay slices of the buffer.</summary>
    internal static Transaction Read(ref BitcoinReader reader)
    {
        var start = reader.Position;
        var version = (int)reader.ReadUInt32("transaction version");
        var inputsStart = reader.Position;
        var inputCount = reader.ReadLength("input count", MinInputSize);
        var hasWitness = false;
        if (inputCount == 0)
        {
            // Zero inputs is the segwit marker; the flag must then be exactly 1 (BIP144), and inputs must follow.
            var flagOffset = reader.Position;
            var flag = reader.ReadByte("segwit flag");
            if (flag != WitnessFlag)
            {
                throw new BitcoinFormatException($"Invalid segwit flag 0x{flag:x2} (expected 0x01 after the 0x00 marker)", flagOffset);
            }

            hasWitness = true;
            inputsStart = reader.Position;
            inputCount = reader.ReadLength("input count", MinInputSize);
            if (inputCount == 0)
            {
                throw new BitcoinFormatException("Transaction without inputs", inputsStart);
            }
        }

        var inputs = new TxIn[inputCount];
        for (var i = 0; i < inputs.Length; i++)
        {
            var txid = new Hash256(reader.ReadSpan(Hash256.Size, "previous txid"));
            var index = reader.ReadUInt32("previous output index");
            var scriptSig = reader.ReadVarBytes("scriptSig");
            var sequence = reader.ReadUInt32("sequence");
            inputs[i] = new TxIn(new OutPoint(txid, index), scriptSig, sequence, Witness.Empty);
        }

        var outputCount = reader.ReadLength("output count", MinOutputSize);
        var outputs = new TxOut[outputCount];
        for (var i = 0; i < outputs.Length; i++)
        {
            var valueOffset = reader.Position;
            var value = reader.ReadInt64("output value");
            if (value is < 0 or > TxOut.MaxMoney)
            {
                throw new BitcoinFormatException($"Output value {value} is outside 0..{TxOut.MaxMoney} satoshis", valueOffset);
            }

            outputs[i] = new TxOut(value, reader.ReadVarBytes("scriptPubKey"));
        }

        var outputsEnd = reader.Position;
        if (hasWitness)
        {
            var anyWitness = false;
            for (var i = 0; i < inputs.Length; i++)
            {
                var witness = Witness.Read(ref reader);
                anyWitness |= !witness.IsEmpty;
                inputs[i] = inputs[i].WithWitness(witness);
            }

            if (!anyWitness)
            {
                throw new BitcoinFormatException("Superfluous witness record: segwit serialization but every witness is empty", outputsEnd);
            }
        }

        var lockTime = reader.ReadUInt32("lock time");
        return new Transaction(
            reader.Memory[start..reader.Position], version, inputs, outputs, lockTime, inputsStart - start, outputsEnd - start);
    }

    private Hash256 ComputeTxid()
    {
        var bytes = Serialized.Span;
        if (!HasWitness)
        {
            return BitcoinHashes.DoubleSha256(bytes);
        }

        // The txid covers version ‖ inputs and outputs ‖ lock time: hash those slices of the original bytes.
        var length = StrippedSize;
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        var stripped = rented is null ? stackalloc byte[length] : rented.AsSpan(0, length);
        bytes[..4].CopyTo(stripped);
        bytes[_inputsStart.._outputsEnd].CopyTo(stripped[4..]);
        bytes[^4..].CopyTo(stripped[^4..]);
        var txid = BitcoinHashes.DoubleSha256(stripped);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return txid;
    }
}
