using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>The checks every CLSAG input makes of its ring and its real member, whoever holds the member's key.</summary>
internal static class RealMemberChecks
{
    /// <summary>The ring has 1 to <see cref="ClsagSigner.MaxRingSize"/> members, <paramref name="realIndex"/> is one of them, and (mask, amount) opens its commitment.</summary>
    public static void Check(IReadOnlyList<RingMember> ring, int realIndex, Scalar commitmentMask, ulong amount)
    {
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(commitmentMask);
        if (ring.Count is 0 or > ClsagSigner.MaxRingSize)
        {
            throw new ArgumentException($"A CLSAG ring has 1 to {ClsagSigner.MaxRingSize} members, got {ring.Count}.", nameof(ring));
        }

        if (realIndex < 0 || realIndex >= ring.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(realIndex), realIndex, $"The real index must be within the ring of {ring.Count}.");
        }

        if (PedersenCommitment.Commit(commitmentMask, amount) != ring[realIndex].Commitment)
        {
            throw new ArgumentException($"The mask and amount do not open ring member {realIndex}'s commitment.", nameof(commitmentMask));
        }
    }
}
