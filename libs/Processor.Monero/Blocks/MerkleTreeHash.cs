using Processor.Monero.Crypto;

namespace Processor.Monero.Blocks;

/// <summary>
/// Monero's <c>tree_hash</c>: the merkle root of a block's transaction ids. Unlike Bitcoin's, an odd count is not padded
/// by duplication: the tree is made complete by hashing only the last 2·(count − p) leaves in pairs first, where p is the
/// largest power of two below the count.
/// </summary>
public static class MerkleTreeHash
{
    /// <summary>The root of <paramref name="hashes"/> (at least one).</summary>
    public static byte[] Compute(IReadOnlyList<byte[]> hashes)
    {
        switch (hashes.Count)
        {
            case 0:
                throw new ArgumentException("A tree hash needs at least one hash.", nameof(hashes));
            case 1:
                return (byte[])hashes[0].Clone();
            case 2:
                return MoneroHash.Keccak(hashes[0], hashes[1]);
        }

        var width = 1;
        while (width * 2 < hashes.Count)
        {
            width *= 2;
        }

        // Leaves before the pairs pass through unchanged; the rest are hashed in pairs, filling the level to `width`.
        var level = new byte[width][];
        var unchanged = 2 * width - hashes.Count;
        for (var i = 0; i < unchanged; i++)
        {
            level[i] = hashes[i];
        }

        for (int i = unchanged, j = unchanged; j < width; i += 2, j++)
        {
            level[j] = MoneroHash.Keccak(hashes[i], hashes[i + 1]);
        }

        while (width > 2)
        {
            width /= 2;
            for (var j = 0; j < width; j++)
            {
                level[j] = MoneroHash.Keccak(level[2 * j], level[2 * j + 1]);
            }
        }

        return MoneroHash.Keccak(level[0], level[1]);
    }
}
