using System.Numerics;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>Lagrange interpolation at zero over public identifiers (RFC 9591 §4.2 derive_interpolating_value).</summary>
public static class Lagrange
{
    /// <summary>
    /// <c>λ_i = Π_{j≠i} x_j / (x_j − x_i)</c> for <paramref name="participant"/> in <paramref name="participants"/>, which
    /// must contain it once and contain no duplicates. Variable-time: identifiers are public.
    /// </summary>
    public static Scalar Coefficient(Identifier participant, IReadOnlyCollection<Identifier> participants)
    {
        var group = participant.Group;
        if (participants.Count(p => p == participant) != 1 || participants.Distinct().Count() != participants.Count)
        {
            throw new ArgumentException("The participant must appear exactly once in a list without duplicates.", nameof(participants));
        }

        BigInteger numerator = 1, denominator = 1;
        foreach (var other in participants.Where(p => p != participant))
        {
            numerator = numerator * other.Number % group.Order;
            denominator = denominator * (other.Number - participant.Number) % group.Order;
        }

        return group.ScalarFromInteger(numerator * PrimeOrderGroup.InverseModulo(denominator, group.Order));
    }
}
