using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Transactions;

/// <summary>
/// The prunable RingCT part of types 5 and 6: the range proofs (Bulletproofs for type 5, Bulletproofs+ for type 6), one
/// CLSAG per input, and one pseudo-output commitment per input.
/// </summary>
public sealed record RctPrunable(IReadOnlyList<RangeProof> RangeProofs, IReadOnlyList<Clsag> Clsags, IReadOnlyList<RctKey> PseudoOutputs)
{
    /// <summary>The serialization (hashed into the txid).</summary>
    public byte[] Serialize()
    {
        var writer = new MoneroWriter();
        Write(writer);
        return writer.ToArray();
    }

    /// <summary>Keccak of the range proofs' fields in <c>get_pre_mlsag_hash</c>'s order, the third part of the signature hash.</summary>
    public byte[] RangeProofHash() => MoneroHash.Keccak(RangeProofs.SelectMany(p => p.SignatureHashKeys()).Select(k => k.ToArray()));

    /// <summary>
    /// Reads the prunable part; like monerod, every CLSAG has the first input's ring size (mixin + 1).
    /// </summary>
    internal static RctPrunable Read(ref MoneroReader reader, RctType type, int inputCount, int ringSize)
    {
        var proofCount = reader.ReadCount(type == RctType.BulletproofPlus ? "Bulletproof+ count" : "Bulletproof count", 32 * 6);
        if (proofCount == 0)
        {
            throw new MoneroFormatException("A RingCT type 5 or 6 transaction carries no range proof.");
        }

        var proofs = new RangeProof[proofCount];
        for (var i = 0; i < proofCount; i++)
        {
            proofs[i] = type == RctType.BulletproofPlus ? BulletproofPlus.Read(ref reader, i) : Bulletproof.Read(ref reader, i);
        }

        var clsags = new Clsag[inputCount];
        for (var i = 0; i < inputCount; i++)
        {
            var s = new RctKey[ringSize];
            for (var j = 0; j < ringSize; j++)
            {
                s[j] = new RctKey(reader.Read32($"CLSAG {i} s[{j}]"));
            }

            clsags[i] = new Clsag(s, new RctKey(reader.Read32($"CLSAG {i} c1")), new RctKey(reader.Read32($"CLSAG {i} D")));
        }

        var pseudoOutputs = new RctKey[inputCount];
        for (var i = 0; i < inputCount; i++)
        {
            pseudoOutputs[i] = new RctKey(reader.Read32($"pseudo-output {i}"));
        }

        return new RctPrunable(proofs, clsags, pseudoOutputs);
    }

    internal void Write(MoneroWriter writer)
    {
        writer.WriteVarint((ulong)RangeProofs.Count);
        foreach (var proof in RangeProofs)
        {
            proof.Write(writer);
        }

        foreach (var clsag in Clsags)
        {
            foreach (var s in clsag.S)
            {
                writer.WriteBytes(s.Bytes);
            }

            writer.WriteBytes(clsag.C1.Bytes).WriteBytes(clsag.D.Bytes);
        }

        foreach (var pseudoOutput in PseudoOutputs)
        {
            writer.WriteBytes(pseudoOutput.Bytes);
        }
    }
}
