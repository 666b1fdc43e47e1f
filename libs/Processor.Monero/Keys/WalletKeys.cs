using System.Buffers.Binary;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Keys;

/// <summary>Wallet key relations of wallet2: the view key from the spend key, and subaddress keys.</summary>
public static class WalletKeys
{
    private static readonly byte[] SubaddressDomain = Encoding.ASCII.GetBytes("SubAddr\0");

    /// <summary>The private view key wallet2 derives from a private spend key: a = Hs(b).</summary>
    public static Scalar ViewSecretFromSpendSecret(Scalar spendSecretKey) => MoneroHash.HashToScalar(spendSecretKey.Serialize());

    /// <summary>m = Hs("SubAddr\0" ‖ a ‖ major ‖ minor) (indices as 4 little-endian bytes): subaddress (major, minor)'s offset.</summary>
    public static Scalar SubaddressOffset(Scalar viewSecretKey, uint major, uint minor)
    {
        var indices = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(indices, major);
        BinaryPrimitives.WriteUInt32LittleEndian(indices.AsSpan(4), minor);
        return MoneroHash.HashToScalar(SubaddressDomain, viewSecretKey.Serialize(), indices);
    }

    /// <summary>
    /// The public keys of subaddress (major, minor): D = B + m·G and C = a·D. (0, 0) is the primary address (B, a·G), which
    /// wallet2 treats separately, so it is returned as such.
    /// </summary>
    public static (EdwardsPoint Spend, EdwardsPoint View) SubaddressPublicKeys(EdwardsPoint spendPublicKey, Scalar viewSecretKey, uint major, uint minor)
    {
        if (major == 0 && minor == 0)
        {
            return (spendPublicKey, EdwardsPoint.MultiplyBase(viewSecretKey));
        }

        using var offset = SubaddressOffset(viewSecretKey, major, minor);
        var spend = spendPublicKey.Add(EdwardsPoint.MultiplyBase(offset));
        return (spend, spend.Multiply(viewSecretKey));
    }

    /// <summary>The spend secret of subaddress (major, minor): b + m (b itself for (0, 0)).</summary>
    public static Scalar SubaddressSpendSecret(Scalar spendSecretKey, Scalar viewSecretKey, uint major, uint minor)
    {
        if (major == 0 && minor == 0)
        {
            return spendSecretKey.Copy();
        }

        using var offset = SubaddressOffset(viewSecretKey, major, minor);
        return spendSecretKey + offset;
    }
}
