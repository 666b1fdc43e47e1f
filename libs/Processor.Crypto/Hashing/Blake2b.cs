using Processor.Crypto.Sodium;

namespace Processor.Crypto.Hashing;

/// <summary>Unkeyed BLAKE2b-512 (RFC 7693) through libsodium's <c>crypto_generichash</c>, the hash of Serai's transcripts.</summary>
public static unsafe class Blake2b
{
    /// <summary>Length of a BLAKE2b-512 digest.</summary>
    public const int Hash512Length = 64;

    static Blake2b() => SodiumNative.Initialize();

    /// <summary>The 64-byte BLAKE2b-512 digest of <paramref name="input"/>.</summary>
    public static byte[] Hash512(ReadOnlySpan<byte> input)
    {
        var digest = new byte[Hash512Length];
        fixed (byte* output = digest)
        fixed (byte* data = input)
        {
            return SodiumNative.GenericHash(output, Hash512Length, data, (ulong)input.Length, null, 0) == 0
                ? digest
                : throw new InvalidOperationException("crypto_generichash failed");
        }
    }
}
