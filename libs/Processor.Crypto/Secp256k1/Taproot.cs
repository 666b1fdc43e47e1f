namespace Processor.Crypto.Secp256k1;

/// <summary>BIP341 key-path tweaking: <c>Q = lift_x(P) + int(hash_TapTweak(P ‖ merkle_root))·G</c>.</summary>
public static class Taproot
{
    /// <summary>
    /// The BIP341 tweak of <paramref name="internalKey"/> (x-only) committing to <paramref name="merkleRoot"/>; an empty
    /// merkle root means "no script path" (BIP86: the tweak hashes the key alone).
    /// </summary>
    public static byte[] Tweak(ReadOnlySpan<byte> internalKey, ReadOnlySpan<byte> merkleRoot = default)
    {
        if (internalKey.Length != Bip340.KeyLength || merkleRoot.Length is not (0 or 32))
        {
            throw new ArgumentException("Expected a 32-byte internal key and an empty or 32-byte merkle root.");
        }

        Span<byte> preimage = stackalloc byte[internalKey.Length + merkleRoot.Length];
        internalKey.CopyTo(preimage);
        merkleRoot.CopyTo(preimage[internalKey.Length..]);
        return Bip340.TaggedHash("TapTweak", preimage);
    }

    /// <summary>The output key (x-only, with Y parity) for <paramref name="internalKey"/> and <paramref name="merkleRoot"/>.</summary>
    public static TweakedXOnlyPublicKey OutputKey(ReadOnlySpan<byte> internalKey, ReadOnlySpan<byte> merkleRoot = default) =>
        Bip340.TweakXOnlyPublicKey(internalKey, Tweak(internalKey, merkleRoot));

    /// <summary>
    /// The secret key of the output key of <paramref name="secretKey"/>'s x-only key: sign key-path spends with it through
    /// <see cref="Bip340.Sign"/>.
    /// </summary>
    public static byte[] OutputSecretKey(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> merkleRoot = default) =>
        Bip340.TweakSecretKey(secretKey, Tweak(Bip340.XOnlyPublicKey(secretKey), merkleRoot));
}
