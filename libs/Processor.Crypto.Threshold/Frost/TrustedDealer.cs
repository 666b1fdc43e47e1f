using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// Trusted-dealer key generation (RFC 9591 Appendix C): one party knows the secret and splits it with Shamir's scheme.
/// For tests, benchmarks and the coordinator simulator; production keys come from the DKG.
/// </summary>
public static class TrustedDealer
{
    /// <summary>A fresh random key split among participants 1..<paramref name="participants"/>.</summary>
    public static DealtKey Generate(PrimeOrderGroup group, int threshold, int participants)
    {
        using var secret = group.RandomScalar();
        return Split(secret, threshold, [.. Enumerable.Range(1, participants).Select(i => Identifier.FromIndex(group, i))]);
    }

    /// <summary>Splits <paramref name="secret"/> among <paramref name="participants"/> with a random polynomial.</summary>
    public static DealtKey Split(Scalar secret, int threshold, IReadOnlyList<Identifier> participants)
    {
        using var polynomial = Polynomial.Random(secret, threshold);
        return Split(polynomial, participants);
    }

    /// <summary>Splits the constant term of <paramref name="polynomial"/> (its length is the threshold).</summary>
    public static DealtKey Split(Polynomial polynomial, IReadOnlyList<Identifier> participants)
    {
        if (participants.Count < polynomial.Length || participants.Distinct().Count() != participants.Count)
        {
            throw new ArgumentException("Need at least threshold distinct participants.", nameof(participants));
        }

        var groupKey = polynomial.Commitments()[0];
        var shares = new List<KeyShare>();
        foreach (var id in participants)
        {
            using var share = polynomial.Evaluate(id);
            shares.Add(new KeyShare(id, share, groupKey, polynomial.Length));
        }

        var publicKey = new ThresholdPublicKey(groupKey, shares.ToDictionary(s => s.Identifier, s => s.VerifyingShare), polynomial.Length);
        return new DealtKey(shares, publicKey);
    }
}

/// <summary>The output of <see cref="TrustedDealer"/>: every participant's share and the public key package.</summary>
/// <param name="Shares">One secret share per participant (dispose them).</param>
/// <param name="PublicKey">The public key package.</param>
public sealed record DealtKey(IReadOnlyList<KeyShare> Shares, ThresholdPublicKey PublicKey);
