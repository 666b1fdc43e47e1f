namespace Processor.Crypto.Sodium;

/// <summary>
/// Plain RFC 8032 Ed25519 signatures by libsodium: the single-key reference that the Monero benchmarks compare CLSAG and
/// Bulletproofs+ with (the same curve, no ring, no range proof).
/// </summary>
public static unsafe class Ed25519Signature
{
    /// <summary>Length of a signature.</summary>
    public const int Length = 64;

    static Ed25519Signature() => SodiumNative.Initialize();

    /// <summary>The public key of a 32-byte seed.</summary>
    public static byte[] PublicKey(ReadOnlySpan<byte> seed)
    {
        var (publicKey, secretKey) = KeyPair(seed);
        Array.Clear(secretKey);
        return publicKey;
    }

    /// <summary>Signs <paramref name="message"/> with the key of <paramref name="seed"/> (key expansion included, as a one-shot signer does).</summary>
    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        var (_, secretKey) = KeyPair(seed);
        var signature = new byte[Length];
        fixed (byte* s = signature)
        fixed (byte* m = message)
        fixed (byte* k = secretKey)
        {
            var status = SodiumNative.Ed25519SignDetached(s, null, m, (ulong)message.Length, k);
            Array.Clear(secretKey);
            return status == 0 ? signature : throw new InvalidOperationException("crypto_sign_ed25519_detached failed");
        }
    }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="message"/> by <paramref name="publicKey"/>.</summary>
    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> publicKey)
    {
        if (signature.Length != Length || publicKey.Length != 32)
        {
            return false;
        }

        fixed (byte* s = signature)
        fixed (byte* m = message)
        fixed (byte* k = publicKey)
        {
            return SodiumNative.Ed25519VerifyDetached(s, m, (ulong)message.Length, k) == 0;
        }
    }

    private static (byte[] PublicKey, byte[] SecretKey) KeyPair(ReadOnlySpan<byte> seed)
    {
        if (seed.Length != 32)
        {
            throw new ArgumentException($"An Ed25519 seed is 32 bytes, got {seed.Length}.", nameof(seed));
        }

        var publicKey = new byte[32];
        var secretKey = new byte[64];
        fixed (byte* p = publicKey)
        fixed (byte* k = secretKey)
        fixed (byte* s = seed)
        {
            return SodiumNative.Ed25519SeedKeypair(p, k, s) == 0 ? (publicKey, secretKey) : throw new InvalidOperationException("crypto_sign_ed25519_seed_keypair failed");
        }
    }
}
