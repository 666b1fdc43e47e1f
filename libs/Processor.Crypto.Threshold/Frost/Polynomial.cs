using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A secret polynomial <c>f(x) = a0 + a1·x + … + a(t-1)·x^(t-1)</c> over a group's scalars: Shamir secret sharing for the
/// trusted dealer and the building block of a DKG. Holds secrets: dispose it (zeroes the coefficients).
/// </summary>
public sealed class Polynomial : IDisposable
{
    private readonly Scalar[] _coefficients;

    private Polynomial(Scalar[] coefficients) => _coefficients = coefficients;

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group => _coefficients[0].Group;

    /// <summary>The number of coefficients (the threshold t).</summary>
    public int Length => _coefficients.Length;

    /// <summary>A polynomial with constant term <paramref name="secret"/> (copied) and <paramref name="threshold"/> - 1 random coefficients.</summary>
    public static Polynomial Random(Scalar secret, int threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 1);
        return new Polynomial([secret.Copy(), .. Enumerable.Range(1, threshold - 1).Select(_ => secret.Group.RandomScalar())]);
    }

    /// <summary>A polynomial from given coefficients, constant term first (copied; for test vectors and DKG code).</summary>
    public static Polynomial FromCoefficients(IReadOnlyList<Scalar> coefficients) => coefficients.Count > 0
        ? new Polynomial([.. coefficients.Select(c => c.Copy())])
        : throw new ArgumentException("A polynomial needs at least one coefficient.", nameof(coefficients));

    /// <summary><c>f(x)</c> by Horner's rule (constant-time scalar arithmetic).</summary>
    public Scalar Evaluate(Identifier x)
    {
        var result = _coefficients[^1].Copy();
        for (var i = _coefficients.Length - 2; i >= 0; i--)
        {
            using var product = result * x.Value;
            result.Dispose();
            result = product + _coefficients[i];
        }

        return result;
    }

    /// <summary>The commitments <c>a_k·G</c> to every coefficient (Feldman VSS); the first is the public key of the secret.</summary>
    public IReadOnlyList<Point> Commitments() => [.. _coefficients.Select(c => Group.MultiplyGenerator(c))];

    /// <summary>
    /// Evaluates committed polynomial <c>Σ C_k·x^k</c> at <paramref name="x"/>: the verifying share of <paramref name="x"/>
    /// (public values; to check a received share <c>s</c>, compare with <c>s·G</c>).
    /// </summary>
    public static Point EvaluateCommitments(IReadOnlyList<Point> commitments, Identifier x)
    {
        var group = x.Group;
        var result = group.Identity;
        for (var i = commitments.Count - 1; i >= 0; i--)
        {
            result = group.MultiplyPublic(result, x.Value) + commitments[i];
        }

        return result;
    }

    /// <summary>Zeroes the coefficients.</summary>
    public void Dispose()
    {
        foreach (var coefficient in _coefficients)
        {
            coefficient.Dispose();
        }
    }
}
