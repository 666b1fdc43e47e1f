namespace Processor.Monero.Crypto;

/// <summary>The fixed generators of RingCT: G (Ed25519's base point) and H, the amount generator of Pedersen commitments.</summary>
public static class MoneroGenerators
{
    /// <summary>Ed25519's base point.</summary>
    public static EdwardsPoint G => EdwardsPoint.Generator;

    /// <summary>
    /// H = 8·decompress(Keccak(G)) (<c>8b655970…1f94</c>), whose discrete log to G nobody knows. The hash is decoded as a
    /// point encoding, not passed through <see cref="MoneroHash.MapToPoint"/>; Bulletproofs(+) generators, in contrast, use
    /// <see cref="MoneroHash.HashToPoint"/>.
    /// </summary>
    public static EdwardsPoint H { get; } = EdwardsPoint.Decode(MoneroHash.Keccak(EdwardsPoint.Generator.Encoding)).MultiplyByCofactor();
}
