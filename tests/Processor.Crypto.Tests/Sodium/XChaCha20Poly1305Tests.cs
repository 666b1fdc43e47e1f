using Processor.Crypto.Sodium;

namespace Processor.Crypto.Tests.Sodium;

public sealed class XChaCha20Poly1305Tests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, XChaCha20Poly1305.KeyLength).Select(i => (byte)i)];
    private static readonly byte[] Nonce = new byte[XChaCha20Poly1305.NonceLength];
    private static readonly byte[] AssociatedData = [.. "session 1, 2 to 3"u8];
    private static readonly byte[] Plaintext = [.. "a secret share of 32 bytes......"u8];

    [Fact]
    public void Ciphertext_DecryptsToThePlaintext_AndCarriesTheTag()
    {
        var ciphertext = XChaCha20Poly1305.Encrypt(Key, Nonce, Plaintext, AssociatedData);

        Assert.Equal(Plaintext.Length + XChaCha20Poly1305.TagLength, ciphertext.Length);
        Assert.Equal(Plaintext, XChaCha20Poly1305.Decrypt(Key, Nonce, ciphertext, AssociatedData));
    }

    [Fact]
    public void TamperedCiphertext_IsNotAuthentic()
    {
        var ciphertext = XChaCha20Poly1305.Encrypt(Key, Nonce, Plaintext, AssociatedData);
        ciphertext[3] ^= 1;

        Assert.Null(XChaCha20Poly1305.Decrypt(Key, Nonce, ciphertext, AssociatedData));
    }

    [Fact]
    public void OtherAssociatedData_IsNotAuthentic()
    {
        var ciphertext = XChaCha20Poly1305.Encrypt(Key, Nonce, Plaintext, AssociatedData);

        Assert.Null(XChaCha20Poly1305.Decrypt(Key, Nonce, ciphertext, [.. "session 1, 2 to 4"u8]));
    }

    [Fact]
    public void CiphertextShorterThanTheTag_IsNotAuthentic() =>
        Assert.Null(XChaCha20Poly1305.Decrypt(Key, Nonce, new byte[XChaCha20Poly1305.TagLength - 1], AssociatedData));

    [Fact]
    public void WrongKeyOrNonceLength_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Encrypt(Key.AsSpan(1), Nonce, Plaintext, AssociatedData));
        Assert.Throws<ArgumentException>(() => XChaCha20Poly1305.Decrypt(Key, Nonce.AsSpan(1), Plaintext, AssociatedData));
    }
}
