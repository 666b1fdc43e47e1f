using System.Security.Cryptography;
using System.Text;
using Processor.Crypto.Groups;

namespace Processor.Crypto.Threshold.Dkg;

/// <summary>
/// Secret scalars derived by hashing instead of drawn at random, so that a participant restarted mid-ceremony re-creates
/// byte-identical messages (others already hold the first ones). Nonces are derived from the secret they protect and the
/// message they sign (as in EdDSA), so one nonce never serves two messages; ceremony secrets from a caller's seed.
/// </summary>
internal static class DeterministicScalar
{
    /// <summary><c>H(domain ‖ secret ‖ message)</c> reduced into <paramref name="group"/>: a nonce for signing <paramref name="message"/> with <paramref name="secret"/>.</summary>
    public static Scalar Nonce(PrimeOrderGroup group, string domain, Scalar secret, ReadOnlySpan<byte> message)
    {
        var secretBytes = secret.Serialize();
        try
        {
            return Derive(group, domain, secretBytes, message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secretBytes);
        }
    }

    /// <summary><c>SHA-512(domain ‖ len(key) ‖ key ‖ label)</c> reduced into <paramref name="group"/>.</summary>
    public static Scalar Derive(PrimeOrderGroup group, string domain, ReadOnlySpan<byte> key, ReadOnlySpan<byte> label)
    {
        var domainBytes = Encoding.ASCII.GetBytes(domain);
        var input = new byte[domainBytes.Length + 4 + key.Length + label.Length];
        try
        {
            domainBytes.CopyTo(input, 0);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(input.AsSpan(domainBytes.Length), key.Length);
            key.CopyTo(input.AsSpan(domainBytes.Length + 4));
            label.CopyTo(input.AsSpan(domainBytes.Length + 4 + key.Length));
            var hash = SHA512.HashData(input);
            try
            {
                return group.ReduceWide(hash);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(hash);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
