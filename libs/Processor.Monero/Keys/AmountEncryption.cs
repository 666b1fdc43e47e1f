using System.Buffers.Binary;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Keys;

/// <summary>
/// RingCT's compact amount encryption (RCT types 4 and later) and commitment masks, keyed by the output's amount key
/// k = Hs(D ‖ index) (<see cref="KeyDerivation.ToScalar"/>).
/// </summary>
public static class AmountEncryption
{
    private static readonly byte[] AmountDomain = Encoding.ASCII.GetBytes("amount");
    private static readonly byte[] MaskDomain = Encoding.ASCII.GetBytes("commitment_mask");

    /// <summary>The commitment mask Hs("commitment_mask" ‖ k).</summary>
    public static Scalar CommitmentMask(Scalar amountKey) => MoneroHash.HashToScalar(MaskDomain, amountKey.Serialize());

    /// <summary>The 8-byte encrypted amount: amount (little-endian) ⊕ Keccak("amount" ‖ k)[0..8].</summary>
    public static byte[] Encrypt(ulong amount, Scalar amountKey)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, amount);
        Xor(bytes, amountKey);
        return bytes;
    }

    /// <summary>The amount from its 8-byte encryption.</summary>
    public static ulong Decrypt(ReadOnlySpan<byte> encryptedAmount, Scalar amountKey)
    {
        if (encryptedAmount.Length != 8)
        {
            throw new ArgumentException("A compact encrypted amount is 8 bytes.", nameof(encryptedAmount));
        }

        var bytes = encryptedAmount.ToArray();
        Xor(bytes, amountKey);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    private static void Xor(Span<byte> amount, Scalar amountKey)
    {
        var pad = MoneroHash.Keccak(AmountDomain, amountKey.Serialize());
        for (var i = 0; i < amount.Length; i++)
        {
            amount[i] ^= pad[i];
        }
    }
}
