using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Sodium;

namespace Processor.Signer.Secrets;

/// <summary>
/// Seals every secret the signer stores: XChaCha20-Poly1305 under a subkey of the <see cref="StorageKey"/>, a random
/// nonce, and associated data naming the row (<see cref="SealedRow"/>), so a sealed value copied into another row does
/// not open. Stored form: <c>nonce (24) ‖ ciphertext ‖ tag (16)</c>.
/// </summary>
public sealed class SecretSealer(StorageKey storageKey)
{
    private const string Purpose = "seal rows";

    public byte[] Seal(SealedRow row, ReadOnlySpan<byte> secret)
    {
        var key = storageKey.Subkey(Purpose, []);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(XChaCha20Poly1305.NonceLength);
            return [.. nonce, .. XChaCha20Poly1305.Encrypt(key, nonce, secret, row.AssociatedData())];
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    /// <summary>The secret (the caller clears it).</summary>
    /// <exception cref="CryptographicException">It does not open: another storage key, or a value moved from another row.</exception>
    public byte[] Open(SealedRow row, ReadOnlySpan<byte> sealedValue)
    {
        var key = storageKey.Subkey(Purpose, []);
        try
        {
            return sealedValue.Length >= XChaCha20Poly1305.NonceLength + XChaCha20Poly1305.TagLength
                && XChaCha20Poly1305.Decrypt(key, sealedValue[..XChaCha20Poly1305.NonceLength], sealedValue[XChaCha20Poly1305.NonceLength..], row.AssociatedData()) is { } secret
                ? secret
                : throw new CryptographicException(
                    $"The sealed {row} does not open: the secret key file ({SignerOptions.SecretKeyFileSetting}) is not the one it was sealed with, or the value was moved from another row.");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }
}

/// <summary>What a sealed value is and which row it belongs to: its associated data.</summary>
/// <param name="What">The kind of secret (e.g. <c>identity</c>, <c>key share</c>).</param>
/// <param name="Session">The Serai session (0 when none).</param>
/// <param name="Attempt">The key-generation attempt (0 when none).</param>
/// <param name="Curve">The curve's name (empty when none).</param>
public sealed record SealedRow(string What, uint Session, uint Attempt, string Curve)
{
    public static SealedRow Identity { get; } = new("identity", 0, 0, "ristretto255");

    public byte[] AssociatedData()
    {
        var numbers = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(numbers, Session);
        BinaryPrimitives.WriteUInt32BigEndian(numbers.AsSpan(4), Attempt);
        return [.. Encoding.ASCII.GetBytes("Processor signer sealed row v1"), 0, .. Encoding.UTF8.GetBytes(What), 0, .. numbers, .. Encoding.UTF8.GetBytes(Curve)];
    }

    public override string ToString() => $"{What} ({Curve}) of session {Session} attempt {Attempt}";
}
