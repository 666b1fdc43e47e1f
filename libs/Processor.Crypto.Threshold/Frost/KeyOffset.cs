using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>
/// A public scalar <c>o</c> added to a threshold key: the same shares then sign for <c>P + o·G</c> (every share gains
/// <c>o</c>, which survives Lagrange interpolation because the coefficients sum to 1). Used for per-kind addresses
/// (Branch, Change, Forwarded outputs). See <see cref="FrostCiphersuite.VerifyingKey"/> for the order in which offset,
/// even-Y normalization and the taproot tweak are applied.
/// </summary>
public sealed class KeyOffset
{
    /// <summary>An offset; <paramref name="value"/> is copied.</summary>
    public KeyOffset(Scalar value) => Value = value.Copy();

    /// <summary>The offset scalar (a copy).</summary>
    public Scalar ToScalar() => Value.Copy();

    internal Scalar Value { get; }

    /// <summary>The group.</summary>
    public PrimeOrderGroup Group => Value.Group;
}
