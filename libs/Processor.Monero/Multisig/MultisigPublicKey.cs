using Processor.Crypto.Groups;

namespace Processor.Monero.Multisig;

/// <summary>
/// The public side of a t-of-n Ed25519 key (from the DKG or a dealer): the group spend key B, every participant's
/// verifying share X_i = x_i·G by participant index (1-based), and the threshold. Threshold CLSAG checks nonces,
/// key-image shares and signature shares against it.
/// </summary>
public sealed class MultisigPublicKey
{
    /// <summary>Checks that the points are Ed25519 group elements other than the identity and that 1 ≤ t ≤ n.</summary>
    public MultisigPublicKey(Point groupKey, IReadOnlyDictionary<int, Point> verifyingShares, int threshold)
    {
        ArgumentNullException.ThrowIfNull(groupKey);
        ArgumentNullException.ThrowIfNull(verifyingShares);
        if (threshold < 1 || threshold > verifyingShares.Count)
        {
            throw new ArgumentException($"The threshold must be between 1 and the {verifyingShares.Count} participants, got {threshold}.", nameof(threshold));
        }

        if (groupKey.Group is not Ed25519Group || groupKey.IsIdentity
            || verifyingShares.Any(p => p.Key < 1 || p.Key > ushort.MaxValue || p.Value.Group is not Ed25519Group || p.Value.IsIdentity))
        {
            throw new ArgumentException("The group key and verifying shares are non-identity Ed25519 points; participants are 1 to 65535.", nameof(verifyingShares));
        }

        GroupKey = groupKey;
        VerifyingShares = verifyingShares.ToDictionary(p => p.Key, p => p.Value);
        Threshold = threshold;
    }

    /// <summary>The group spend key B (before any output's key offset).</summary>
    public Point GroupKey { get; }

    /// <summary>X_i = x_i·G by participant index.</summary>
    public IReadOnlyDictionary<int, Point> VerifyingShares { get; }

    /// <summary>The minimum number of signers.</summary>
    public int Threshold { get; }
}
