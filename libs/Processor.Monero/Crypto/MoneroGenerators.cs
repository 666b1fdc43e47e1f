namespace Processor.Monero.Crypto;

/// <summary>The fixed generators of RingCT: G (Ed25519's base point) and H, the amount generator of Pedersen commitments.</summary>
public static class MoneroGenerators
{
    /// <summary>Ed25519's base point.</summary>
    public static EdwardsPoint G => EdwardsPoint.Generator;

    /// <summary>H = Hp(G) (<c>8b655970…1f94</c>), whose discrete log to G nobody knows.</summary>
    public static EdwardsPoint H { get; } = MoneroHash.HashToPoint(EdwardsPoint.Generator.Encoding);
}
