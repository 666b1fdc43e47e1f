using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.RingCt;

/// <summary>
/// What the owner of one input knows to sign it: the ring, which member is the real one, that member's secret key and
/// the opening (mask, amount) of its commitment. The constructor checks that the key and the opening match the ring.
/// </summary>
public sealed class ClsagInput
{
    /// <summary>Checks that the real member's key is <paramref name="secretKey"/>·G and its commitment opens to (mask, amount).</summary>
    public ClsagInput(IReadOnlyList<RingMember> ring, int realIndex, Scalar secretKey, Scalar commitmentMask, ulong amount)
    {
        ArgumentNullException.ThrowIfNull(secretKey);
        RealMemberChecks.Check(ring, realIndex, commitmentMask, amount);
        if (EdwardsPoint.MultiplyBase(secretKey) != ring[realIndex].Key)
        {
            throw new ArgumentException($"The secret key does not belong to ring member {realIndex}.", nameof(secretKey));
        }

        Ring = [.. ring];
        RealIndex = realIndex;
        SecretKey = secretKey;
        CommitmentMask = commitmentMask;
        Amount = amount;
    }

    /// <summary>The ring, in the order of the transaction's key offsets.</summary>
    public IReadOnlyList<RingMember> Ring { get; }

    /// <summary>The position of the spent output in <see cref="Ring"/>.</summary>
    public int RealIndex { get; }

    /// <summary>The one-time secret key x of the spent output (P = x·G).</summary>
    public Scalar SecretKey { get; }

    /// <summary>The mask of the spent output's commitment.</summary>
    public Scalar CommitmentMask { get; }

    /// <summary>The spent output's amount.</summary>
    public ulong Amount { get; }

    /// <summary>The key-image generator Hp(P) of the spent output.</summary>
    public EdwardsPoint KeyImageGenerator => MoneroHash.HashToPoint(Ring[RealIndex].Key.Encoding);

    /// <summary>The key image x·Hp(P), which monerod records as spent.</summary>
    public EdwardsPoint KeyImage => KeyImageGenerator.Multiply(SecretKey);
}
