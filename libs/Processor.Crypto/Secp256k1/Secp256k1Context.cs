using System.Security.Cryptography;

namespace Processor.Crypto.Secp256k1;

/// <summary>
/// The process-wide libsecp256k1 context. It is randomized once at creation (side-channel blinding of
/// <c>pubkey_create</c> and signing) and never changed afterwards, so it is safe to share between threads: every other
/// libsecp256k1 function only reads it.
/// </summary>
internal static unsafe class Secp256k1Context
{
    public static nint Handle { get; } = Create();

    private static nint Create()
    {
        var context = Secp256k1Native.ContextCreate(Secp256k1Native.ContextNone);
        if (context == 0)
        {
            throw new InvalidOperationException("secp256k1_context_create failed");
        }

        Span<byte> seed = stackalloc byte[32];
        RandomNumberGenerator.Fill(seed);
        fixed (byte* s = seed)
        {
            var randomized = Secp256k1Native.ContextRandomize(context, s);
            CryptographicOperations.ZeroMemory(seed);
            if (randomized != 1)
            {
                throw new InvalidOperationException("secp256k1_context_randomize failed");
            }
        }

        return context;
    }
}
