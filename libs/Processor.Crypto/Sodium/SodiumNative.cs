using System.Runtime.InteropServices;

namespace Processor.Crypto.Sodium;

/// <summary>
/// The one binding of the NuGet <c>libsodium</c> native library: its ristretto255 functions (for
/// <see cref="Groups.Ristretto255Group"/>), XChaCha20-Poly1305 (for <see cref="XChaCha20Poly1305"/>) and BLAKE2b (for
/// <see cref="Hashing.Blake2b"/>). Points and
/// scalars are 32-byte encodings (scalars little-endian). Point functions return 0 on success and -1 on failure (an invalid
/// input, or, for scalar multiplication, an identity result).
/// </summary>
internal static unsafe partial class SodiumNative
{
    private const string Library = "libsodium";

    /// <summary>Initializes libsodium; idempotent and thread-safe, so every user calls it before its first use.</summary>
    public static void Initialize()
    {
        if (SodiumInit() < 0)
        {
            throw new InvalidOperationException("sodium_init failed");
        }
    }

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_is_valid_point")]
    public static partial int IsValidPoint(byte* p);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_add")]
    public static partial int Add(byte* r, byte* p, byte* q);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_sub")]
    public static partial int Sub(byte* r, byte* p, byte* q);

    [LibraryImport(Library, EntryPoint = "crypto_scalarmult_ristretto255")]
    public static partial int ScalarMult(byte* q, byte* n, byte* p);

    [LibraryImport(Library, EntryPoint = "crypto_scalarmult_ristretto255_base")]
    public static partial int ScalarMultBase(byte* q, byte* n);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_random")]
    public static partial void ScalarRandom(byte* r);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_add")]
    public static partial void ScalarAdd(byte* z, byte* x, byte* y);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_sub")]
    public static partial void ScalarSub(byte* z, byte* x, byte* y);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_mul")]
    public static partial void ScalarMul(byte* z, byte* x, byte* y);

    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_negate")]
    public static partial void ScalarNegate(byte* neg, byte* s);

    /// <summary>Reduces a 64-byte little-endian value modulo the group order.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_core_ristretto255_scalar_reduce")]
    public static partial void ScalarReduce(byte* r, byte* s64);

    [LibraryImport(Library, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_encrypt")]
    public static partial int XChaCha20Poly1305Encrypt(
        byte* c, ulong* clen, byte* m, ulong mlen, byte* ad, ulong adlen, byte* nsec, byte* npub, byte* k);

    [LibraryImport(Library, EntryPoint = "crypto_aead_xchacha20poly1305_ietf_decrypt")]
    public static partial int XChaCha20Poly1305Decrypt(
        byte* m, ulong* mlen, byte* nsec, byte* c, ulong clen, byte* ad, ulong adlen, byte* npub, byte* k);

    /// <summary>BLAKE2b of <paramref name="inlen"/> bytes into <paramref name="outlen"/> (16 to 64) bytes; keyed when <paramref name="keylen"/> is not 0.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_generichash")]
    public static partial int GenericHash(byte* output, nuint outlen, byte* input, ulong inlen, byte* key, nuint keylen);

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    private static partial int SodiumInit();
}
