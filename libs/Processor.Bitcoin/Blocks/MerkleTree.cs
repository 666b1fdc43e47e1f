using Processor.Bitcoin.Hashing;

namespace Processor.Bitcoin.Blocks;

/// <summary>Bitcoin's merkle tree over txids (or wtxids): SHA-256d of concatenated pairs, the last node paired with itself on odd levels.</summary>
public static class MerkleTree
{
    /// <summary>
    /// The root of <paramref name="leaves"/>. <paramref name="mutated"/> is set when two sibling nodes are equal: then a
    /// different transaction list (with duplicated transactions, CVE-2012-2459) has the same root, so the block must be
    /// rejected even though its root matches.
    /// </summary>
    public static Hash256 ComputeRoot(ReadOnlySpan<Hash256> leaves, out bool mutated)
    {
        mutated = false;
        if (leaves.IsEmpty)
        {
            return Hash256.Zero;
        }

        var level = leaves.ToArray();
        var count = level.Length;
        Span<byte> pair = stackalloc byte[2 * Hash256.Size];
        while (count > 1)
        {
            var next = 0;
            for (var i = 0; i < count; i += 2)
            {
                var left = level[i];
                var right = i + 1 < count ? level[i + 1] : left;
                mutated |= i + 1 < count && left == right;
                left.WriteTo(pair);
                right.WriteTo(pair[Hash256.Size..]);
                level[next++] = BitcoinHashes.DoubleSha256(pair);
            }

            count = next;
        }

        return level[0];
    }
}
