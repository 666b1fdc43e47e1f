using System.Runtime.InteropServices;

namespace Processor.Crypto.Ristretto255;

/// <summary>
/// P/Invoke declarations for libsodium's ristretto255 functions (the NuGet <c>libsodium</c> native library). Points and
/// scalars are 32-byte encodings (scalars little-endian). Point functions return 0 on success and -1 on failure (an invalid
/// input, or, for scalar multiplication, an identity result).
/// </summary>
internal static unsafe partial class SodiumNative
{
    private const string Library = "libsodium";

    [LibraryImport(Library, EntryPoint = "sodium_init")]
    public static partial int SodiumInit();

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
}
