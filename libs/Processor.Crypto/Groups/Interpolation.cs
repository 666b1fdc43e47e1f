using System.Numerics;

namespace Processor.Crypto.Groups;

/// <summary>Lagrange interpolation at zero over public x coordinates (Shamir shares, RFC 9591 §4.2 derive_interpolating_value).</summary>
public static class Interpolation
{
    /// <summary>
    /// <c>λ_i = Π_{j≠i} x_j / (x_j − x_i)</c> modulo the order of <paramref name="group"/> for <paramref name="x"/> in
    /// <paramref name="xs"/>, which must contain it once and contain no duplicates. Variable-time: the x are public.
    /// </summary>
    public static Scalar LagrangeAtZero(PrimeOrderGroup group, BigInteger x, IReadOnlyCollection<BigInteger> xs)
    {
        if (xs.Count(p => p == x) != 1 || xs.Distinct().Count() != xs.Count)
        {
            throw new ArgumentException("The participant must appear exactly once in a list without duplicates.", nameof(xs));
        }

        BigInteger numerator = 1, denominator = 1;
        foreach (var other in xs.Where(p => p != x))
        {
            numerator = numerator * other % group.Order;
            denominator = denominator * (other - x) % group.Order;
        }

        return group.ScalarFromInteger(numerator * PrimeOrderGroup.InverseModulo(denominator, group.Order));
    }
}
