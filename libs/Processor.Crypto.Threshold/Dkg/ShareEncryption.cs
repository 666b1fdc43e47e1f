using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Crypto.Sodium;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// Encrypts a dealer's secret shares to their recipient so that the relaying coordinator learns nothing:
/// the Diffie-Hellman point <c>S = e·X_j = x_j·E</c> between the dealer's per-ceremony ephemeral key E (signed in its
/// round-1 message) and the recipient's long-term identity key X_j; key = HKDF-SHA256(S, salt = session id,
/// info = domain ‖ sender ‖ recipient ‖ E ‖ X_j); XChaCha20-Poly1305 with associated data session id ‖ sender ‖ recipient.
/// Each key encrypts exactly one message (fresh E per ceremony, one ciphertext per recipient), so a fixed zero nonce is safe.
/// Revealing S (with a <see cref="DleqProof"/>) lets anyone decrypt that one ciphertext and nothing else.
/// </summary>
internal static class ShareEncryption
{
    /// <summary>Ciphertext length for a plaintext of <paramref name="plaintextLength"/> bytes.</summary>
    public static int CiphertextLength(int plaintextLength) => plaintextLength + XChaCha20Poly1305.TagLength;

    public static byte[] Encrypt(DkgSession session, int sender, int recipient, Point ephemeralKey, Point shared, ReadOnlySpan<byte> plaintext)
    {
        var key = DeriveKey(session, sender, recipient, ephemeralKey, shared);
        try
        {
            return XChaCha20Poly1305.Encrypt(key, new byte[XChaCha20Poly1305.NonceLength], plaintext, AssociatedData(session, sender, recipient));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The plaintext (the caller clears it), or null when the ciphertext is not authentic.</summary>
    public static byte[]? Decrypt(DkgSession session, int sender, int recipient, Point ephemeralKey, Point shared, ReadOnlySpan<byte> ciphertext)
    {
        var key = DeriveKey(session, sender, recipient, ephemeralKey, shared);
        try
        {
            return XChaCha20Poly1305.Decrypt(key, new byte[XChaCha20Poly1305.NonceLength], ciphertext, AssociatedData(session, sender, recipient));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private static byte[] DeriveKey(DkgSession session, int sender, int recipient, Point ephemeralKey, Point shared)
    {
        var secret = shared.Serialize();
        try
        {
            byte[] info =
            [
                .. Encoding.ASCII.GetBytes("Processor DKG v1 share key"), .. DkgSession.EncodeIndex(sender), .. DkgSession.EncodeIndex(recipient),
                .. ephemeralKey.Serialize(), .. session.IdentityKeyOf(recipient).Serialize(),
            ];
            return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, XChaCha20Poly1305.KeyLength, session.IdBytes, info);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static byte[] AssociatedData(DkgSession session, int sender, int recipient) => [.. session.IdBytes, .. DkgSession.EncodeIndex(sender), .. DkgSession.EncodeIndex(recipient)];
}
