using System.Runtime.InteropServices;

namespace Processor.Crypto.Secp256k1;

/// <summary>
/// P/Invoke declarations for Debian's libsecp256k1 0.2.0 (schnorrsig + extrakeys modules). Opaque structs are passed as
/// pointers to caller-owned buffers: 64 bytes for <c>secp256k1_pubkey</c> and <c>secp256k1_xonly_pubkey</c>, 96 bytes for
/// <c>secp256k1_keypair</c>. Every function returns 1 on success and 0 on failure unless noted.
/// </summary>
internal static unsafe partial class Secp256k1Native
{
    private const string Library = "libsecp256k1";

    // The library's file name carries its ABI version: Debian 12 ships .so.1 (0.2), newer distributions .so.2 (0.3+);
    // every function used here has the same signature in both. The unversioned name needs the -dev package.
    private static readonly string[] FileNames = ["libsecp256k1.so.1", "libsecp256k1.so.2", "libsecp256k1.so"];

    public const int PublicKeyStructSize = 64;
    public const int KeypairStructSize = 96;
    public const uint ContextNone = 1;
    public const uint Compressed = 258;

    // Runs before the first call into the library: resolves <see cref="Library"/> to the first installed version of it.
    static Secp256k1Native() =>
        NativeLibrary.SetDllImportResolver(typeof(Secp256k1Native).Assembly, (name, assembly, searchPath) =>
        {
            if (name != Library)
            {
                return IntPtr.Zero;
            }

            foreach (var fileName in FileNames)
            {
                if (NativeLibrary.TryLoad(fileName, assembly, searchPath, out var handle))
                {
                    return handle;
                }
            }

            throw new DllNotFoundException(
                $"libsecp256k1 is not installed (looked for {string.Join(", ", FileNames)}); on Debian: apt-get install libsecp256k1-1.");
        });

    /// <summary>Throws when a call that cannot fail on valid input reports failure.</summary>
    public static void Ensure(int result, string function)
    {
        if (result != 1)
        {
            throw new InvalidOperationException($"{function} failed");
        }
    }

    [LibraryImport(Library, EntryPoint = "secp256k1_context_create")]
    public static partial nint ContextCreate(uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_context_randomize")]
    public static partial int ContextRandomize(nint context, byte* seed32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_verify")]
    public static partial int SeckeyVerify(nint context, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_negate")]
    public static partial int SeckeyNegate(nint context, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_tweak_add")]
    public static partial int SeckeyTweakAdd(nint context, byte* seckey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_seckey_tweak_mul")]
    public static partial int SeckeyTweakMul(nint context, byte* seckey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_create")]
    public static partial int PubkeyCreate(nint context, byte* pubkey, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_parse")]
    public static partial int PubkeyParse(nint context, byte* pubkey, byte* input, nuint inputLength);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_serialize")]
    public static partial int PubkeySerialize(nint context, byte* output, nuint* outputLength, byte* pubkey, uint flags);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_negate")]
    public static partial int PubkeyNegate(nint context, byte* pubkey);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_tweak_mul")]
    public static partial int PubkeyTweakMul(nint context, byte* pubkey, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_ec_pubkey_combine")]
    public static partial int PubkeyCombine(nint context, byte* output, byte** inputs, nuint count);

    /// <summary>Constant-time point multiplication; <paramref name="hashFunction"/> receives the affine result.</summary>
    [LibraryImport(Library, EntryPoint = "secp256k1_ecdh")]
    public static partial int Ecdh(
        nint context, byte* output, byte* pubkey, byte* seckey,
        delegate* unmanaged[Cdecl]<byte*, byte*, byte*, void*, int> hashFunction, void* data);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_parse")]
    public static partial int XonlyParse(nint context, byte* xonly, byte* input32);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_serialize")]
    public static partial int XonlySerialize(nint context, byte* output32, byte* xonly);

    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_from_pubkey")]
    public static partial int XonlyFromPubkey(nint context, byte* xonly, int* parity, byte* pubkey);

    /// <summary>Writes the full (not x-only) tweaked key <c>internal + tweak·G</c> into <paramref name="outputPubkey"/>.</summary>
    [LibraryImport(Library, EntryPoint = "secp256k1_xonly_pubkey_tweak_add")]
    public static partial int XonlyTweakAdd(nint context, byte* outputPubkey, byte* internalXonly, byte* tweak32);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_create")]
    public static partial int KeypairCreate(nint context, byte* keypair, byte* seckey);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_sec")]
    public static partial int KeypairSec(nint context, byte* seckey, byte* keypair);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_xonly_pub")]
    public static partial int KeypairXonlyPub(nint context, byte* xonly, int* parity, byte* keypair);

    [LibraryImport(Library, EntryPoint = "secp256k1_keypair_xonly_tweak_add")]
    public static partial int KeypairXonlyTweakAdd(nint context, byte* keypair, byte* tweak32);

    /// <summary><paramref name="extraParams"/> points to a <see cref="SchnorrExtraParams"/>.</summary>
    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_sign_custom")]
    public static partial int SchnorrSignCustom(
        nint context, byte* signature64, byte* message, nuint messageLength, byte* keypair, SchnorrExtraParams* extraParams);

    [LibraryImport(Library, EntryPoint = "secp256k1_schnorrsig_verify")]
    public static partial int SchnorrVerify(nint context, byte* signature64, byte* message, nuint messageLength, byte* xonly);

    [LibraryImport(Library, EntryPoint = "secp256k1_tagged_sha256")]
    public static partial int TaggedSha256(nint context, byte* hash32, byte* tag, nuint tagLength, byte* message, nuint messageLength);

    /// <summary><c>secp256k1_schnorrsig_extraparams</c>: magic, default BIP340 nonce function (null), auxiliary randomness.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct SchnorrExtraParams
    {
        public uint Magic;
        public nint NonceFunction;
        public void* NonceData;

        /// <summary>The magic bytes <c>da 6f b3 8c</c> as they lie in memory (little-endian read).</summary>
        public const uint MagicValue = 0x8cb36fda;
    }
}
