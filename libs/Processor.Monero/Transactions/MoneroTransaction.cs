using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// A Monero transaction: v1 (prefix + ring signatures) or v2 (prefix + RingCT base + prunable part), parsed from and
/// serialized to monerod's exact bytes. v2 RingCT types 0 (coinbase), 5 and 6 are supported; other types are refused with
/// a clear error.
/// </summary>
public sealed class MoneroTransaction
{
    private MoneroTransaction(TransactionPrefix prefix, IReadOnlyList<RingSignature> ringSignatures, RctBase? rctBase, RctPrunable? prunable)
    {
        Prefix = prefix;
        RingSignatures = ringSignatures;
        RctBase = rctBase;
        Prunable = prunable;
    }

    /// <summary>Version, unlock time, inputs, outputs, extra.</summary>
    public TransactionPrefix Prefix { get; }

    /// <summary>v1 only: one ring signature per spending input (none for a coinbase).</summary>
    public IReadOnlyList<RingSignature> RingSignatures { get; }

    /// <summary>v2 only: the RingCT base.</summary>
    public RctBase? RctBase { get; }

    /// <summary>v2 with RCT type 5 or 6 only: range proofs, CLSAGs, pseudo-outputs.</summary>
    public RctPrunable? Prunable { get; }

    /// <summary>Whether this is a coinbase (its only input is a <see cref="GenerationInput"/>).</summary>
    public bool IsCoinbase => Prefix.Inputs is [GenerationInput];

    /// <summary>A v2 transaction from its parts (for builders); <paramref name="prunable"/> is null exactly when the type is null.</summary>
    public static MoneroTransaction CreateV2(TransactionPrefix prefix, RctBase rctBase, RctPrunable? prunable)
    {
        if (prefix.Version != 2 || (rctBase.Type == RctType.Null) != (prunable is null))
        {
            throw new ArgumentException("A v2 transaction has a prunable part exactly when its RingCT type is not null.");
        }

        return new MoneroTransaction(prefix, [], rctBase, prunable);
    }

    /// <summary>Parses exactly one transaction; throws <see cref="MoneroFormatException"/> naming what is wrong.</summary>
    public static MoneroTransaction Parse(ReadOnlySpan<byte> bytes)
    {
        var reader = new MoneroReader(bytes);
        var transaction = Read(ref reader);
        reader.ExpectEnd("transaction");
        return transaction;
    }

    /// <summary>Parses a transaction from hex.</summary>
    public static MoneroTransaction ParseHex(string hex) => Parse(Convert.FromHexString(hex));

    /// <summary>The exact serialization.</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>
    /// The transaction id: v1 Keccak(tx); v2 Keccak(Keccak(prefix) ‖ Keccak(RCT base) ‖ Keccak(prunable)), where a coinbase
    /// (RCT type null) uses 32 zero bytes for the prunable hash as monerod does.
    /// </summary>
    public byte[] Hash()
    {
        if (Prefix.Version == 1)
        {
            return MoneroHash.Keccak(Serialize());
        }

        var prunableHash = Prunable is null ? new byte[MoneroHash.Length] : MoneroHash.Keccak(Prunable.Serialize());
        return MoneroHash.Keccak(Prefix.Hash(), RctBase!.Hash(), prunableHash);
    }

    /// <summary>
    /// The message CLSAG signs (<c>get_pre_mlsag_hash</c>): Keccak(prefix hash ‖ Keccak(RCT base) ‖ Keccak(range proof
    /// fields)). Only RingCT types 5 and 6 sign one; v1 signs the prefix hash.
    /// </summary>
    public byte[] SignatureHash() => Prunable is null
        ? throw new InvalidOperationException("Only a RingCT (type 5 or 6) transaction has a CLSAG signature hash.")
        : MoneroHash.Keccak(Prefix.Hash(), RctBase!.Hash(), Prunable.RangeProofHash());

    /// <summary>
    /// The weight monerod charges fees and limits blocks by: the size, plus for Bulletproofs(+) with more than 2 (padded)
    /// outputs the clawback of <c>get_transaction_weight_clawback</c>, 4/5 of what the aggregate proof saves over one
    /// 2-output proof per pair of outputs.
    /// </summary>
    public ulong Weight()
    {
        var size = (ulong)Serialize().Length;
        if (Prunable is null)
        {
            return size;
        }

        var padded = (ulong)Prunable.RangeProofs.Sum(p => p.PaddedAmountCount);
        if (padded <= 2)
        {
            return size;
        }

        var fixedFields = RctBase!.Type == RctType.BulletproofPlus ? 6UL : 9UL;
        var baseSize = 32 * (fixedFields + 7 * 2) / 2;
        var rounds = 6UL;
        while (1UL << (int)(rounds - 6) < padded)
        {
            rounds++;
        }

        var proofSize = 32 * (fixedFields + 2 * rounds);
        return size + (baseSize * padded - proofSize) * 4 / 5;
    }

    internal static MoneroTransaction Read(ref MoneroReader reader)
    {
        var prefix = TransactionPrefix.Read(ref reader);
        if (prefix.Version == 1)
        {
            return new MoneroTransaction(prefix, ReadRingSignatures(ref reader, prefix), null, null);
        }

        var rctBase = RctBase.Read(ref reader, prefix.Outputs.Count);
        if (rctBase.Type == RctType.Null)
        {
            return new MoneroTransaction(prefix, [], rctBase, null);
        }

        if (prefix.Inputs.Count == 0 || prefix.Inputs.Any(i => i is not KeyInput))
        {
            throw new MoneroFormatException("A RingCT type 5 or 6 transaction must spend key inputs only.");
        }

        var ringSize = ((KeyInput)prefix.Inputs[0]).RingSize;
        var prunable = RctPrunable.Read(ref reader, rctBase.Type, prefix.Inputs.Count, ringSize);
        return new MoneroTransaction(prefix, [], rctBase, prunable);
    }

    internal void Write(MoneroWriter writer)
    {
        Prefix.Write(writer);
        foreach (var signature in RingSignatures)
        {
            foreach (var (c, r) in signature.Pairs)
            {
                writer.WriteBytes(c.Bytes).WriteBytes(r.Bytes);
            }
        }

        RctBase?.Write(writer);
        Prunable?.Write(writer);
    }

    private static List<RingSignature> ReadRingSignatures(ref MoneroReader reader, TransactionPrefix prefix)
    {
        var signatures = new List<RingSignature>();
        for (var i = 0; i < prefix.Inputs.Count; i++)
        {
            if (prefix.Inputs[i] is not KeyInput input)
            {
                continue;
            }

            var pairs = new (RctKey, RctKey)[input.RingSize];
            for (var j = 0; j < pairs.Length; j++)
            {
                pairs[j] = (new RctKey(reader.Read32($"ring signature {i} c[{j}]")), new RctKey(reader.Read32($"ring signature {i} r[{j}]")));
            }

            signatures.Add(new RingSignature(pairs));
        }

        return signatures;
    }
}
