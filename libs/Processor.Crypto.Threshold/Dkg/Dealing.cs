using Processor.Crypto.Groups;
using Processor.Crypto.Threshold.Frost;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// One dealer's public round-1 contribution on one curve (FROST KeyGen round 1): the Feldman commitments
/// <c>C_k = a_k·G</c> to its secret polynomial's t coefficients and the proof of knowledge of <c>a0</c>. Every share the
/// dealer sends must satisfy <c>f(j)·G == Σ C_k·j^k</c>.
/// </summary>
public sealed class Dealing
{
    /// <summary>A dealing from its parts (e.g. parsed from test vectors).</summary>
    public Dealing(IReadOnlyList<Point> commitments, ProofOfKnowledge proof)
    {
        if (commitments.Count == 0 || commitments.Any(c => !ReferenceEquals(c.Group, proof.NonceCommitment.Group)))
        {
            throw new ArgumentException("A dealing needs at least one commitment, all in the proof's group.", nameof(commitments));
        }

        Commitments = [.. commitments];
        Proof = proof;
    }

    /// <summary>The commitments to the coefficients, constant term first (<c>C_0</c> is the dealer's contribution to the group key).</summary>
    public IReadOnlyList<Point> Commitments { get; }

    /// <summary>The proof of knowledge of the constant term.</summary>
    public ProofOfKnowledge Proof { get; }

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group => Commitments[0].Group;

    /// <summary>
    /// Commits to <paramref name="polynomial"/> and proves knowledge of its constant term <paramref name="secret"/>
    /// (passed separately because a <see cref="Polynomial"/> does not reveal its coefficients).
    /// </summary>
    public static Dealing Create(FrostCiphersuite suite, Identifier dealer, Scalar secret, Polynomial polynomial, ReadOnlySpan<byte> context)
    {
        var commitments = polynomial.Commitments();
        return commitments[0] == suite.Group.MultiplyGenerator(secret)
            ? new Dealing(commitments, ProofOfKnowledge.Create(suite, dealer, secret, context))
            : throw new ArgumentException("The secret is not the polynomial's constant term.", nameof(secret));
    }

    /// <summary>Whether the dealing has <paramref name="threshold"/> commitments and a valid proof of knowledge.</summary>
    public bool IsValid(FrostCiphersuite suite, Identifier dealer, int threshold, ReadOnlySpan<byte> context) =>
        ReferenceEquals(Group, suite.Group) && Commitments.Count == threshold && Proof.Verify(suite, dealer, Commitments[0], context);

    /// <summary>The public image <c>Σ C_k·j^k</c> of the share for <paramref name="recipient"/>.</summary>
    public Point ShareImage(Identifier recipient) => Polynomial.EvaluateCommitments(Commitments, recipient);

    /// <summary>Whether <paramref name="share"/> is the share these commitments promise to <paramref name="recipient"/>.</summary>
    public bool VerifiesShare(Identifier recipient, Scalar share) => Group.MultiplyGenerator(share) == ShareImage(recipient);

    /// <summary>Length of <see cref="Serialize"/> for <paramref name="threshold"/> commitments.</summary>
    public static int SerializedLength(PrimeOrderGroup group, int threshold) =>
        (threshold * group.ElementLength) + ProofOfKnowledge.SerializedLength(group);

    /// <summary>The commitments in order, then the proof.</summary>
    public byte[] Serialize() => [.. Commitments.SelectMany(c => c.Serialize()), .. Proof.Serialize()];

    /// <summary>Parses exactly <paramref name="threshold"/> commitments and a proof; <see cref="FormatException"/> otherwise.</summary>
    public static Dealing Deserialize(PrimeOrderGroup group, int threshold, ReadOnlySpan<byte> bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        if (bytes.Length != SerializedLength(group, threshold))
        {
            throw new FormatException($"A {group.Name} dealing for threshold {threshold} has {SerializedLength(group, threshold)} bytes.");
        }

        var commitments = new Point[threshold];
        for (var k = 0; k < threshold; k++)
        {
            commitments[k] = group.DeserializeElement(bytes.Slice(k * group.ElementLength, group.ElementLength));
        }

        return new Dealing(commitments, ProofOfKnowledge.Deserialize(group, bytes[(threshold * group.ElementLength)..]));
    }
}
