using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>Lagrange interpolation at zero over public identifiers (RFC 9591 §4.2 derive_interpolating_value).</summary>
public static class Lagrange
{
    /// <summary>
    /// <c>λ_i = Π_{j≠i} x_j / (x_j − x_i)</c> for <paramref name="participant"/> in <paramref name="participants"/>, which
    /// must contain it once and contain no duplicates. Variable-time: identifiers are public.
    /// </summary>
    public static Scalar Coefficient(Identifier participant, IReadOnlyCollection<Identifier> participants) =>
        Interpolation.LagrangeAtZero(participant.Group, participant.Number, [.. participants.Select(p => p.Number)]);
}
