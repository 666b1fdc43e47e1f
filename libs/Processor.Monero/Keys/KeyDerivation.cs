using Processor.Crypto.Groups;
using Processor.Monero.Crypto;
using Processor.Monero.Serialization;

namespace Processor.Monero.Keys;

/// <summary>
/// The shared secret of a transaction key and a view key, D = 8·a·R (= 8·r·A on the sender's side): Monero's
/// <c>key_derivation</c>. Everything per output derives from D and the output's index: the one-time key, its view tag,
/// the amount key and the payment-id pad. D is secret (whoever holds it can see the outputs).
/// </summary>
public sealed class KeyDerivation
{
    private static readonly byte[] ViewTagDomain = System.Text.Encoding.ASCII.GetBytes("view_tag");

    private readonly byte[] _encoding;

    private KeyDerivation(byte[] encoding) => _encoding = encoding;

    /// <summary>The 32-byte encoding of D (secret).</summary>
    public ReadOnlySpan<byte> Encoding => _encoding;

    /// <summary>
    /// <c>generate_key_derivation</c>: 8·(k·P) for the other side's public key P (the tx key R, or the recipient's view key A)
    /// and our secret k. The cofactor is cleared first, so a torsioned P costs nothing extra and k stays on libsodium's
    /// constant-time path.
    /// </summary>
    public static KeyDerivation Generate(EdwardsPoint publicKey, Scalar secretKey) =>
        new(publicKey.MultiplyByCofactor().Multiply(secretKey).ToArray());

    /// <summary>A derivation from its 32-byte encoding (e.g. received from a view-key holder).</summary>
    public static KeyDerivation FromEncoding(ReadOnlySpan<byte> encoding) =>
        encoding.Length == 32 ? new(encoding.ToArray()) : throw new ArgumentException("A key derivation is 32 bytes.", nameof(encoding));

    /// <summary><c>derivation_to_scalar</c>: Hs(D ‖ varint(index)), the output's key offset and amount key.</summary>
    public Scalar ToScalar(ulong outputIndex) => MoneroHash.HashToScalar(_encoding, Varint.Encode(outputIndex));

    /// <summary><c>derive_public_key</c>: Hs(D ‖ index)·G + B, the one-time output key for spend key B.</summary>
    public EdwardsPoint DerivePublicKey(ulong outputIndex, EdwardsPoint spendPublicKey)
    {
        using var offset = ToScalar(outputIndex);
        return EdwardsPoint.MultiplyBase(offset).Add(spendPublicKey);
    }

    /// <summary><c>derive_secret_key</c>: Hs(D ‖ index) + b, the one-time output's secret key for spend secret b.</summary>
    public Scalar DeriveSecretKey(ulong outputIndex, Scalar spendSecretKey)
    {
        using var offset = ToScalar(outputIndex);
        return offset + spendSecretKey;
    }

    /// <summary><c>derive_view_tag</c>: the first byte of Keccak("view_tag" ‖ D ‖ varint(index)).</summary>
    public byte ViewTag(ulong outputIndex) => MoneroHash.Keccak(ViewTagDomain, _encoding, Varint.Encode(outputIndex))[0];

    /// <summary>Encrypts or decrypts (the same XOR) an 8-byte payment id: pid ⊕ Keccak(D ‖ 0x8d)[0..8].</summary>
    public byte[] XorPaymentId(ReadOnlySpan<byte> paymentId)
    {
        if (paymentId.Length != 8)
        {
            throw new ArgumentException("An encrypted payment id is 8 bytes.", nameof(paymentId));
        }

        var pad = MoneroHash.Keccak(_encoding, [0x8D]);
        var result = paymentId.ToArray();
        for (var i = 0; i < result.Length; i++)
        {
            result[i] ^= pad[i];
        }

        return result;
    }
}
