using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Hashing;

/// <summary>
/// Hashing to a scalar field as Serai's ciphersuite crate does (<c>hash_to_F</c>): RFC 9380 hash_to_field with one
/// element, i.e. expand_message_xmd over the message and domain, read as a big-endian integer and reduced modulo the order.
/// </summary>
public static class HashToField
{
    /// <summary>
    /// Bytes drawn for one secp256k1 scalar: ⌈(256 + 128) / 8⌉ (RFC 9380 §5, k = 128), so the bias of the reduction is
    /// negligible.
    /// </summary>
    public const int Secp256k1UniformLength = 48;

    /// <summary>
    /// secp256k1's <c>hash_to_F(dst, msg)</c>: <c>expand_message_xmd(SHA-256, msg, dst, 48)</c> as a 384-bit big-endian
    /// integer modulo n.
    /// </summary>
    public static Scalar Secp256k1(ReadOnlySpan<byte> message, ReadOnlySpan<byte> domain)
    {
        var uniform = ExpandMessageXmd.Sha256(message, domain, Secp256k1UniformLength);
        try
        {
            return Secp256k1Group.Instance.ReduceWide(uniform);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(uniform);
        }
    }

    /// <summary><see cref="Secp256k1(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> with a UTF-8 domain and message.</summary>
    public static Scalar Secp256k1(string message, string domain) =>
        Secp256k1(Encoding.UTF8.GetBytes(message), Encoding.UTF8.GetBytes(domain));
}
