using System.Security.Cryptography;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Frost;

/// <summary>FROST(ristretto255, SHA-512) (RFC 9591 §6.2): hashes are SHA-512 of <c>contextString ‖ tag ‖ m</c>, reduced little-endian.</summary>
internal sealed class Ristretto255Sha512 : FrostCiphersuite
{
    private Ristretto255Sha512()
        : base(Ristretto255Group.Instance, "FROST-RISTRETTO255-SHA512-v1")
    {
    }

    public static Ristretto255Sha512 Instance { get; } = new();

    public override int SignatureLength => 64;

    public override Scalar HashToScalar(string tag, ReadOnlySpan<byte> message)
    {
        var digest = Hash(tag, message);
        try
        {
            return Group.ReduceWide(digest);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(digest);
        }
    }

    public override byte[] Hash(string tag, ReadOnlySpan<byte> message)
    {
        var input = Concat(ContextString, tag, message);
        try
        {
            return SHA512.HashData(input);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
