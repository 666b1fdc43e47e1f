using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// A participant's result of key generation on one curve: its secret <see cref="KeyShare"/> and the public
/// <see cref="ThresholdPublicKey"/>, both for the plain (untweaked) group key, ready for FROST signing. Dispose it.
/// </summary>
/// <param name="Share">The secret share (owned: disposed with this object).</param>
/// <param name="PublicKey">The group key, every participant's verifying share and the threshold.</param>
public sealed record CurveKey(KeyShare Share, ThresholdPublicKey PublicKey) : IDisposable
{
    /// <summary>
    /// Pedersen key assembly (FROST KeyGen round 2, steps 3-4): the signing share is the sum of the shares received from
    /// every dealer (own included), the group key is <c>Σ C_i0</c> and participant m's verifying share is
    /// <c>Σ_k (Σ_i C_ik)·m^k</c>. Throws <see cref="ArgumentException"/> when the shares do not sum to this participant's
    /// verifying share (see <see cref="TryAssemble"/>).
    /// </summary>
    /// <param name="self">This participant.</param>
    /// <param name="dealings">Every participant's dealing (own included), by dealer; the keys are the participants.</param>
    /// <param name="sharesForSelf">The share each dealer gave this participant (not disposed here).</param>
    public static CurveKey Assemble(Identifier self, IReadOnlyDictionary<Identifier, Dealing> dealings, IEnumerable<Scalar> sharesForSelf) =>
        TryAssemble(self, dealings, sharesForSelf)
        ?? throw new ArgumentException("The shares do not match the dealings.", nameof(sharesForSelf));

    /// <summary>
    /// <see cref="Assemble"/>, or null when the shares do not sum to this participant's verifying share. This one check
    /// (t point multiplications) replaces checking every share against its dealing (n·t); the per-dealer check is then
    /// needed only to find who sent a bad share. Shares that are wrong individually but cancel out in the sum still give
    /// a share consistent with the public key, so the result is correct either way.
    /// </summary>
    public static CurveKey? TryAssemble(Identifier self, IReadOnlyDictionary<Identifier, Dealing> dealings, IEnumerable<Scalar> sharesForSelf)
    {
        var group = self.Group;
        var threshold = dealings.Values.First().Commitments.Count;
        if (dealings.Values.Any(d => d.Commitments.Count != threshold || !ReferenceEquals(d.Group, group)) || !dealings.ContainsKey(self))
        {
            throw new ArgumentException("Every dealing must have the same threshold and group, and include this participant's own.", nameof(dealings));
        }

        // Summing the commitments coefficient-wise first makes each verifying share one polynomial evaluation, not n.
        var summed = Enumerable.Range(0, threshold).Select(k => group.Sum(dealings.Values.Select(d => d.Commitments[k]))).ToList();
        using var signingShare = Sum(group, sharesForSelf);
        if (group.MultiplyGenerator(signingShare) != Polynomial.EvaluateCommitments(summed, self))
        {
            return null;
        }

        var verifyingShares = dealings.Keys.ToDictionary(id => id, id => Polynomial.EvaluateCommitments(summed, id));
        var share = new KeyShare(self, signingShare, summed[0], threshold);
        return new CurveKey(share, new ThresholdPublicKey(summed[0], verifyingShares, threshold));
    }

    /// <summary>Zeroes the secret share.</summary>
    public void Dispose() => Share.Dispose();

    private static Scalar Sum(PrimeOrderGroup group, IEnumerable<Scalar> scalars)
    {
        var total = group.ScalarFromInteger(0);
        foreach (var scalar in scalars)
        {
            var next = total + scalar;
            total.Dispose();
            total = next;
        }

        return total;
    }
}
