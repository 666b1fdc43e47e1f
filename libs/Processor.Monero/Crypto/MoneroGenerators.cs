namespace Processor.Monero.Crypto;

/// <summary>The fixed generators of RingCT: G (Ed25519's base point) and H, the amount generator of Pedersen commitments.</summary>
public static class MoneroGenerators
{
    /// <summary>Ed25519's base point.</summary>
    public static EdwardsPoint G => EdwardsPoint.Generator;

    /// <summary>
    /// H = 8·decode(Keccak(G)) (<c>8b655970…1f94</c>), whose discrete log to G nobody knows. Keccak(G) is decoded as a
    /// compressed point, not mapped with hash_to_ec (which gives another point).
    /// </summary>
    public static EdwardsPoint H { get; } = EdwardsPoint.Decode(MoneroHash.Keccak(EdwardsPoint.Generator.Encoding), "Keccak(G)").MultiplyByCofactor();
}
