using Processor.Crypto.Groups;
using Processor.Crypto.Hashing;

namespace Processor.Monero.Crypto;

/// <summary>
/// Monero's hash functions: <c>cn_fast_hash</c> (Keccak-256 with the original padding), <c>hash_to_scalar</c> (Hs) and
/// <c>hash_to_ec</c> (Hp, the key-image generator).
/// </summary>
public static class MoneroHash
{
    /// <summary>Length of a hash.</summary>
    public const int Length = Keccak256.HashLength;

    /// <summary><c>cn_fast_hash</c>: Keccak-256 of <paramref name="data"/>.</summary>
    public static byte[] Keccak(ReadOnlySpan<byte> data) => Keccak256.Hash(data);

    /// <summary><c>cn_fast_hash</c> of the concatenation of <paramref name="parts"/>.</summary>
    public static byte[] Keccak(params IEnumerable<byte[]> parts)
    {
        var hasher = new Keccak256();
        foreach (var part in parts)
        {
            hasher.Append(part);
        }

        return hasher.Finish();
    }

    /// <summary><c>hash_to_scalar</c> (Hs): Keccak-256 of <paramref name="data"/>, reduced modulo l.</summary>
    public static Scalar HashToScalar(ReadOnlySpan<byte> data) => MoneroScalars.Reduce(Keccak256.Hash(data));

    /// <summary><c>hash_to_scalar</c> (Hs) of the concatenation of <paramref name="parts"/>.</summary>
    public static Scalar HashToScalar(params IEnumerable<byte[]> parts) => MoneroScalars.Reduce(Keccak(parts));

    /// <summary>
    /// <c>hash_to_ec</c> (Hp): 8·<see cref="MapToPoint"/>(Keccak-256(<paramref name="data"/>)). Monero's key image is
    /// x·Hp(P) with <paramref name="data"/> the output key's encoding; the result is always in the prime-order subgroup.
    /// </summary>
    public static EdwardsPoint HashToPoint(ReadOnlySpan<byte> data) => MapToPoint(Keccak256.Hash(data)).MultiplyByCofactor();

    /// <summary>
    /// <c>ge_fromfe_frombytes_vartime</c>: Monero's own Elligator-like map of 32 bytes to a curve point, before the cofactor is
    /// cleared. The bytes are read as a 256-bit integer modulo 2²⁵⁵ − 19 (bit 255 counts). Not libsodium's
    /// <c>crypto_core_ed25519_from_uniform</c>, which is a different map. Variable-time (inputs are public hashes).
    /// </summary>
    public static EdwardsPoint MapToPoint(ReadOnlySpan<byte> fieldBytes) => ElligatorMap.Map(fieldBytes);
}
