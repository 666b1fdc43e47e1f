namespace Processor.Crypto.Sodium;

/// <summary>
/// XChaCha20-Poly1305 (IETF) authenticated encryption through libsodium (<see cref="SodiumNative"/>): 32-byte key,
/// 24-byte nonce, 16-byte tag appended to the ciphertext.
/// </summary>
public static unsafe class XChaCha20Poly1305
{
    /// <summary>Length of a key.</summary>
    public const int KeyLength = 32;

    /// <summary>Length of a nonce.</summary>
    public const int NonceLength = 24;

    /// <summary>Length of the authentication tag appended to every ciphertext.</summary>
    public const int TagLength = 16;

    static XChaCha20Poly1305() => SodiumNative.Initialize();

    /// <summary>Encrypts and authenticates <paramref name="plaintext"/> with <paramref name="associatedData"/>.</summary>
    public static byte[] Encrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        CheckLengths(key, nonce);
        var ciphertext = new byte[plaintext.Length + TagLength];
        fixed (byte* c = ciphertext)
        fixed (byte* m = plaintext)
        fixed (byte* ad = associatedData)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
        {
            ulong length;
            return SodiumNative.XChaCha20Poly1305Encrypt(c, &length, m, (ulong)plaintext.Length, ad, (ulong)associatedData.Length, null, n, k) == 0
                ? ciphertext
                : throw new InvalidOperationException("crypto_aead_xchacha20poly1305_ietf_encrypt failed");
        }
    }

    /// <summary>The plaintext, or null when the ciphertext or associated data is not authentic under the key.</summary>
    public static byte[]? Decrypt(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> associatedData)
    {
        CheckLengths(key, nonce);
        if (ciphertext.Length < TagLength)
        {
            return null;
        }

        var plaintext = new byte[ciphertext.Length - TagLength];
        fixed (byte* m = plaintext)
        fixed (byte* c = ciphertext)
        fixed (byte* ad = associatedData)
        fixed (byte* n = nonce)
        fixed (byte* k = key)
        {
            ulong length;
            return SodiumNative.XChaCha20Poly1305Decrypt(m, &length, null, c, (ulong)ciphertext.Length, ad, (ulong)associatedData.Length, n, k) == 0
                ? plaintext
                : null;
        }
    }

    private static void CheckLengths(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce)
    {
        if (key.Length != KeyLength || nonce.Length != NonceLength)
        {
            throw new ArgumentException("XChaCha20-Poly1305 takes a 32-byte key and a 24-byte nonce.");
        }
    }
}
