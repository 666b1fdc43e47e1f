using System.Security.Cryptography;
using System.Text;

namespace Processor.Crypto.Secp256k1;

/// <summary>
/// BIP340 Schnorr signatures and x-only key operations over secp256k1, through libsecp256k1 (constant-time for secret
/// keys). Thread-safe. Secret keys are 32 big-endian bytes in [1, n-1]; public keys are 32-byte x-only keys.
/// Invalid arguments throw <see cref="ArgumentException"/> without echoing their value.
/// </summary>
public static unsafe class Bip340
{
    /// <summary>Length of a secret key, an x-only public key, a tweak and the auxiliary randomness.</summary>
    public const int KeyLength = 32;

    /// <summary>Length of a BIP340 signature (x(R) ‖ s).</summary>
    public const int SignatureLength = 64;

    /// <summary>
    /// Signs <paramref name="message"/> (any length, BIP340 allows variable-length messages) with
    /// <paramref name="secretKey"/> and the 32 bytes of fresh <paramref name="auxRand"/> (BIP340's auxiliary randomness).
    /// </summary>
    public static byte[] Sign(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> auxRand)
    {
        RequireLength(auxRand, KeyLength, nameof(auxRand));
        var signature = new byte[SignatureLength];
        Span<byte> keypair = stackalloc byte[Secp256k1Native.KeypairStructSize];
        try
        {
            CreateKeypair(secretKey, keypair);
            fixed (byte* sig = signature)
            fixed (byte* msg = message)
            fixed (byte* kp = keypair)
            fixed (byte* aux = auxRand)
            {
                var extra = new Secp256k1Native.SchnorrExtraParams
                {
                    Magic = Secp256k1Native.SchnorrExtraParams.MagicValue,
                    NonceData = aux,
                };
                Secp256k1Native.Ensure(
                    Secp256k1Native.SchnorrSignCustom(Secp256k1Context.Handle, sig, msg, (nuint)message.Length, kp, &extra),
                    "schnorrsig_sign_custom");
            }

            return signature;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keypair);
        }
    }

    /// <summary>
    /// Whether <paramref name="signature"/> is a valid BIP340 signature of <paramref name="message"/> under
    /// <paramref name="xOnlyPublicKey"/>. Malformed input (wrong lengths, a key not on the curve) is simply invalid.
    /// </summary>
    public static bool Verify(ReadOnlySpan<byte> signature, ReadOnlySpan<byte> message, ReadOnlySpan<byte> xOnlyPublicKey)
    {
        if (signature.Length != SignatureLength || xOnlyPublicKey.Length != KeyLength)
        {
            return false;
        }

        Span<byte> xonly = stackalloc byte[Secp256k1Native.PublicKeyStructSize];
        fixed (byte* sig = signature)
        fixed (byte* msg = message)
        fixed (byte* input = xOnlyPublicKey)
        fixed (byte* key = xonly)
        {
            return Secp256k1Native.XonlyParse(Secp256k1Context.Handle, key, input) == 1
                && Secp256k1Native.SchnorrVerify(Secp256k1Context.Handle, sig, msg, (nuint)message.Length, key) == 1;
        }
    }

    /// <summary>The x-only public key of <paramref name="secretKey"/> (x(d·G), whatever the parity of its Y).</summary>
    public static byte[] XOnlyPublicKey(ReadOnlySpan<byte> secretKey)
    {
        Span<byte> keypair = stackalloc byte[Secp256k1Native.KeypairStructSize];
        try
        {
            CreateKeypair(secretKey, keypair);
            return KeypairXOnly(keypair).XOnly;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keypair);
        }
    }

    /// <summary>Whether <paramref name="xOnlyPublicKey"/> is 32 bytes naming the X coordinate of a curve point.</summary>
    public static bool IsValidXOnlyPublicKey(ReadOnlySpan<byte> xOnlyPublicKey)
    {
        if (xOnlyPublicKey.Length != KeyLength)
        {
            return false;
        }

        Span<byte> xonly = stackalloc byte[Secp256k1Native.PublicKeyStructSize];
        fixed (byte* input = xOnlyPublicKey)
        fixed (byte* key = xonly)
        {
            return Secp256k1Native.XonlyParse(Secp256k1Context.Handle, key, input) == 1;
        }
    }

    /// <summary>
    /// <c>lift_x(key) + tweak·G</c> as an x-only key with the parity of its Y (BIP341's output-key computation; the parity
    /// goes into a script-path control block). Throws when the key is invalid, the tweak is ≥ n, or the result is infinity.
    /// </summary>
    public static TweakedXOnlyPublicKey TweakXOnlyPublicKey(ReadOnlySpan<byte> xOnlyPublicKey, ReadOnlySpan<byte> tweak)
    {
        RequireLength(xOnlyPublicKey, KeyLength, nameof(xOnlyPublicKey));
        RequireLength(tweak, KeyLength, nameof(tweak));
        Span<byte> xonly = stackalloc byte[Secp256k1Native.PublicKeyStructSize];
        Span<byte> tweaked = stackalloc byte[Secp256k1Native.PublicKeyStructSize];
        fixed (byte* input = xOnlyPublicKey)
        fixed (byte* t = tweak)
        fixed (byte* key = xonly)
        fixed (byte* output = tweaked)
        {
            if (Secp256k1Native.XonlyParse(Secp256k1Context.Handle, key, input) != 1)
            {
                throw new ArgumentException("Not a valid x-only public key.", nameof(xOnlyPublicKey));
            }

            if (Secp256k1Native.XonlyTweakAdd(Secp256k1Context.Handle, output, key, t) != 1)
            {
                throw new ArgumentException("The tweak is out of range or tweaks the key to infinity.", nameof(tweak));
            }

            int parity;
            Secp256k1Native.Ensure(Secp256k1Native.XonlyFromPubkey(Secp256k1Context.Handle, key, &parity, output), "xonly_pubkey_from_pubkey");
            var result = new byte[KeyLength];
            fixed (byte* r = result)
            {
                Secp256k1Native.Ensure(Secp256k1Native.XonlySerialize(Secp256k1Context.Handle, r, key), "xonly_pubkey_serialize");
            }

            return new TweakedXOnlyPublicKey(result, parity == 1);
        }
    }

    /// <summary>
    /// The secret key that signs for <see cref="TweakXOnlyPublicKey"/>(x-only key of <paramref name="secretKey"/>,
    /// <paramref name="tweak"/>): the key is first negated if its point has odd Y (BIP340's implicit even Y), then the tweak
    /// is added. <see cref="Sign"/> with the result gives signatures valid under the tweaked x-only key.
    /// </summary>
    public static byte[] TweakSecretKey(ReadOnlySpan<byte> secretKey, ReadOnlySpan<byte> tweak)
    {
        RequireLength(tweak, KeyLength, nameof(tweak));
        Span<byte> keypair = stackalloc byte[Secp256k1Native.KeypairStructSize];
        try
        {
            CreateKeypair(secretKey, keypair);
            var result = new byte[KeyLength];
            fixed (byte* kp = keypair)
            fixed (byte* t = tweak)
            fixed (byte* r = result)
            {
                if (Secp256k1Native.KeypairXonlyTweakAdd(Secp256k1Context.Handle, kp, t) != 1)
                {
                    throw new ArgumentException("The tweak is out of range or tweaks the key to zero.", nameof(tweak));
                }

                Secp256k1Native.Ensure(Secp256k1Native.KeypairSec(Secp256k1Context.Handle, r, kp), "keypair_sec");
            }

            return result;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keypair);
        }
    }

    /// <summary>BIP340's tagged hash: <c>SHA256(SHA256(tag) ‖ SHA256(tag) ‖ message)</c>.</summary>
    public static byte[] TaggedHash(string tag, ReadOnlySpan<byte> message)
    {
        var tagBytes = Encoding.UTF8.GetBytes(tag);
        var hash = new byte[32];
        fixed (byte* h = hash)
        fixed (byte* t = tagBytes)
        fixed (byte* m = message)
        {
            Secp256k1Native.Ensure(
                Secp256k1Native.TaggedSha256(Secp256k1Context.Handle, h, t, (nuint)tagBytes.Length, m, (nuint)message.Length),
                "tagged_sha256");
        }

        return hash;
    }

    private static void CreateKeypair(ReadOnlySpan<byte> secretKey, Span<byte> keypair)
    {
        RequireLength(secretKey, KeyLength, nameof(secretKey));
        fixed (byte* sk = secretKey)
        fixed (byte* kp = keypair)
        {
            if (Secp256k1Native.KeypairCreate(Secp256k1Context.Handle, kp, sk) != 1)
            {
                throw new ArgumentException("Not a valid secp256k1 secret key (zero or not below the group order).", nameof(secretKey));
            }
        }
    }

    private static TweakedXOnlyPublicKey KeypairXOnly(ReadOnlySpan<byte> keypair)
    {
        Span<byte> xonly = stackalloc byte[Secp256k1Native.PublicKeyStructSize];
        var result = new byte[KeyLength];
        int parity;
        fixed (byte* kp = keypair)
        fixed (byte* key = xonly)
        fixed (byte* r = result)
        {
            Secp256k1Native.Ensure(Secp256k1Native.KeypairXonlyPub(Secp256k1Context.Handle, key, &parity, kp), "keypair_xonly_pub");
            Secp256k1Native.Ensure(Secp256k1Native.XonlySerialize(Secp256k1Context.Handle, r, key), "xonly_pubkey_serialize");
        }

        return new TweakedXOnlyPublicKey(result, parity == 1);
    }

    private static void RequireLength(ReadOnlySpan<byte> value, int length, string name)
    {
        if (value.Length != length)
        {
            throw new ArgumentException($"Expected {length} bytes, got {value.Length}.", name);
        }
    }
}

/// <summary>An x-only public key and whether the full point it came from has odd Y.</summary>
/// <param name="XOnly">The 32-byte X coordinate.</param>
/// <param name="OddY">True when the point's Y is odd (BIP341 control-block parity bit).</param>
public sealed record TweakedXOnlyPublicKey(byte[] XOnly, bool OddY);
