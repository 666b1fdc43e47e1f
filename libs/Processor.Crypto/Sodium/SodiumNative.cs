using System.Runtime.InteropServices;

namespace Processor.Crypto.Sodium;

/// <summary>
/// The one binding of the NuGet <c>libsodium</c> native library: its ristretto255 functions (for
/// <see cref="Groups.Ristretto255Group"/>), its Ed25519 point functions (for <see cref="Groups.Ed25519Group"/> and Monero's
/// torsion-tolerant operations in Processor.Monero), XChaCha20-Poly1305 (for <see cref="XChaCha20Poly1305"/>) and BLAKE2b (for
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

    /// <summary>The scalar's inverse modulo the order (constant-time; the same field for ristretto255 and Ed25519); -1 for zero.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_core_ed25519_scalar_invert")]
    public static partial int ScalarInvert(byte* recip, byte* s);

    /// <summary>1 when <paramref name="p"/> is a canonical encoding of a point of the prime-order subgroup other than a small-order point.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_core_ed25519_is_valid_point")]
    public static partial int Ed25519IsValidPoint(byte* p);

    /// <summary>P + Q for any points on the curve (torsion allowed); -1 when an input does not decode.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_core_ed25519_add")]
    public static partial int Ed25519Add(byte* r, byte* p, byte* q);

    /// <summary>P - Q for any points on the curve (torsion allowed); -1 when an input does not decode.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_core_ed25519_sub")]
    public static partial int Ed25519Sub(byte* r, byte* p, byte* q);

    /// <summary>n·P without clamping; -1 when P is non-canonical, of small order or torsioned, or when the result is the identity.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_scalarmult_ed25519_noclamp")]
    public static partial int Ed25519ScalarMult(byte* q, byte* n, byte* p);

    /// <summary>n·G without clamping; -1 when the result is the identity.</summary>
    [LibraryImport(Library, EntryPoint = "crypto_scalarmult_ed25519_base_noclamp")]
    public static partial int Ed25519ScalarMultBase(byte* q, byte* n);

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
