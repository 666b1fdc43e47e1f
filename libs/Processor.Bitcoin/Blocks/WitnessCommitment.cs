using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Blocks;

/// <summary>Outcome of checking a block's BIP141 witness commitment.</summary>
public enum WitnessCommitmentStatus
{
    /// <summary>No commitment in the coinbase and no transaction carries witness data: nothing to check.</summary>
    NotPresent,

    /// <summary>The commitment equals SHA-256d(witness merkle root ‖ reserved value).</summary>
    Valid,

    /// <summary>Some transaction has witness data but the coinbase commits to none.</summary>
    Missing,

    /// <summary>The coinbase witness is not exactly one 32-byte reserved value.</summary>
    BadReservedValue,

    /// <summary>The committed hash differs from the one computed from the wtxids.</summary>
    Mismatch,
}

/// <summary>BIP141's commitment to the wtxids: the last coinbase output starting <c>OP_RETURN 0x24 aa21a9ed</c>.</summary>
public static class WitnessCommitment
{
    private static ReadOnlySpan<byte> Prefix => [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

    /// <summary>The committed hash in the coinbase, if there is a commitment output.</summary>
    public static Hash256? Find(Block block)
    {
        Hash256? found = null;
        foreach (var output in block.Transactions[0].Outputs)
        {
            var script = output.ScriptPubKey.Span;
            if (script.Length >= Prefix.Length + Hash256.Size && script.StartsWith(Prefix))
            {
                found = new Hash256(script.Slice(Prefix.Length, Hash256.Size));
            }
        }

        return found;
    }

    /// <summary>The merkle root of the wtxids, with the coinbase's counted as zero.</summary>
    public static Hash256 ComputeWitnessRoot(Block block)
    {
        var wtxids = new Hash256[block.Transactions.Length];
        for (var i = 1; i < wtxids.Length; i++)
        {
            wtxids[i] = block.Transactions[i].ComputeWtxid();
        }

        return MerkleTree.ComputeRoot(wtxids, out _);
    }

    public static WitnessCommitmentStatus Check(Block block)
    {
        var committed = Find(block);
        if (committed is null)
        {
            return block.Transactions.Any(t => t.HasWitness) ? WitnessCommitmentStatus.Missing : WitnessCommitmentStatus.NotPresent;
        }

        var coinbaseWitness = block.Transactions[0].Inputs[0].Witness;
        var reserved = coinbaseWitness.Count == 1 ? coinbaseWitness.ToArray()[0] : ReadOnlyMemory<byte>.Empty;
        if (reserved.Length != Hash256.Size)
        {
            return WitnessCommitmentStatus.BadReservedValue;
        }

        Span<byte> preimage = stackalloc byte[2 * Hash256.Size];
        ComputeWitnessRoot(block).WriteTo(preimage);
        reserved.Span.CopyTo(preimage[Hash256.Size..]);
        return BitcoinHashes.DoubleSha256(preimage) == committed ? WitnessCommitmentStatus.Valid : WitnessCommitmentStatus.Mismatch;
    }
}
