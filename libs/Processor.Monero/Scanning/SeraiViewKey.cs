using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;
using Processor.Monero.Crypto;

namespace Processor.Monero.Scanning;

/// <summary>
/// Serai's shared view key: every validator derives the same private view key without any group secret, so that anyone can
/// verify what Serai holds. Follows Serai's <c>next</c> branch (era B, <c>processor/view-keys/src/lib.rs</c> @ 2aee21e5):
/// <c>hash_to_F("Serai DEX View Key", k as u64 little-endian)</c>, where Ed25519's <c>hash_to_F(dst, m)</c> is
/// SHA-512(dst ‖ m) reduced modulo l. (Era A used the DST "Serai DEX Additional Key" with a network prefix.)
/// </summary>
public static class SeraiViewKey
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("Serai DEX View Key");

    /// <summary>The <paramref name="index"/>-th shared view key (Serai uses index 0).</summary>
    public static Scalar Derive(ulong index = 0)
    {
        var message = new byte[Domain.Length + sizeof(ulong)];
        Domain.CopyTo(message, 0);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(Domain.Length), index);
        return MoneroScalars.Reduce(SHA512.HashData(message));
    }
}
